package dev.ciba.server.ciba;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * The error vocabulary of the backchannel authentication endpoint and the CIBA grant
 * (CIBA Core 1.0 §11 and §13, RFC 6749 §5.2). Descriptions name the parameter at fault
 * and never echo its value: hints and binding messages are personal data.
 */
public final class CibaErrors {

	/** The end-user has not answered yet (CIBA Core §11). */
	public static final String AUTHORIZATION_PENDING = "authorization_pending";

	/** The client polls faster than the interval (CIBA Core §11). */
	public static final String SLOW_DOWN = "slow_down";

	/** The {@code auth_req_id} has expired (CIBA Core §11). */
	public static final String EXPIRED_TOKEN = "expired_token";

	/**
	 * The end-user denied the request, or there is no way to ask them (CIBA Core §11 and
	 * §13).
	 */
	public static final String ACCESS_DENIED = OAuth2ErrorCodes.ACCESS_DENIED;

	/** The hint names no (enabled) end-user (CIBA Core §13). */
	public static final String UNKNOWN_USER_ID = "unknown_user_id";

	/** The {@code login_hint_token} has expired (CIBA Core §13). */
	public static final String EXPIRED_LOGIN_HINT_TOKEN = "expired_login_hint_token";

	/** The binding message is invalid or unacceptable (CIBA Core §13). */
	public static final String INVALID_BINDING_MESSAGE = "invalid_binding_message";

	/** A required {@code user_code} is missing (CIBA Core §13). */
	public static final String MISSING_USER_CODE = "missing_user_code";

	/** The {@code user_code} is wrong (CIBA Core §13). */
	public static final String INVALID_USER_CODE = "invalid_user_code";

	/**
	 * The {@code authorization_details} are malformed, of a type the client may not use,
	 * or too large (RFC 9396 §5).
	 */
	public static final String INVALID_AUTHORIZATION_DETAILS = "invalid_authorization_details";

	/** Section 5 of RFC 9396: the error of bad authorization details. */
	public static final String AUTHORIZATION_DETAILS_ERROR_URI = "https://www.rfc-editor.org/rfc/rfc9396#section-5";

	/** Section 13 of CIBA Core: errors of the backchannel authentication endpoint. */
	public static final String AUTHENTICATION_ERROR_URI = "https://openid.net/specs/"
			+ "openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.13";

	/** Section 11 of CIBA Core: errors of the token endpoint for the CIBA grant. */
	public static final String TOKEN_ERROR_URI = "https://openid.net/specs/"
			+ "openid-client-initiated-backchannel-authentication-core-1_0.html#rfc.section.11";

	private CibaErrors() {
	}

	/**
	 * An error of the backchannel authentication endpoint.
	 */
	public static OAuth2AuthenticationException authentication(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, AUTHENTICATION_ERROR_URI));
	}

	/**
	 * {@code invalid_authorization_details} at the backchannel authentication endpoint.
	 */
	public static OAuth2AuthenticationException invalidAuthorizationDetails(String description) {
		return new OAuth2AuthenticationException(
				new OAuth2Error(INVALID_AUTHORIZATION_DETAILS, description, AUTHORIZATION_DETAILS_ERROR_URI));
	}

	/**
	 * An error of the token endpoint for the CIBA grant.
	 */
	public static OAuth2AuthenticationException token(String code, String description) {
		return new ProtocolAnswer(new OAuth2Error(code, description, TOKEN_ERROR_URI));
	}

	/**
	 * An error answer that is part of the protocol, such as {@code authorization_pending}
	 * to a client that polls as it should: nothing went wrong on the server, so there is
	 * no stack trace to record. Filling one in walks the whole filter chain's stack on
	 * every poll.
	 */
	private static final class ProtocolAnswer extends OAuth2AuthenticationException {

		ProtocolAnswer(OAuth2Error error) {
			super(error);
		}

		@Override
		public synchronized Throwable fillInStackTrace() {
			return this;
		}

	}

}
