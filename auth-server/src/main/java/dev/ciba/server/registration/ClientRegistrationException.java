package dev.ciba.server.registration;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * A registration request refused, with the status and OAuth error to answer, and for
 * bearer token errors the {@code WWW-Authenticate} challenge (RFC 6750 §3). Descriptions
 * name the metadata or credential at fault and never repeat its value.
 */
public class ClientRegistrationException extends RuntimeException {

	/** RFC 7591 §3.2.2: a metadata value is invalid. */
	public static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	/** RFC 7591 §3.2.2: a redirection URI is invalid. */
	public static final String INVALID_REDIRECT_URI = "invalid_redirect_uri";

	private static final String REGISTRATION_ERROR_URI = "https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2";

	private static final String BEARER_ERROR_URI = "https://www.rfc-editor.org/rfc/rfc6750#section-3.1";

	private final HttpStatus status;

	private final OAuth2Error error;

	private final String challenge;

	private ClientRegistrationException(HttpStatus status, OAuth2Error error, String challenge) {
		super(error.getErrorCode() + ": " + error.getDescription());
		this.status = status;
		this.error = error;
		this.challenge = challenge;
	}

	/**
	 * 400 {@code invalid_client_metadata}.
	 */
	public static ClientRegistrationException invalidMetadata(String description) {
		return new ClientRegistrationException(HttpStatus.BAD_REQUEST,
				new OAuth2Error(INVALID_CLIENT_METADATA, description, REGISTRATION_ERROR_URI), null);
	}

	/**
	 * 400 {@code invalid_redirect_uri}.
	 */
	public static ClientRegistrationException invalidRedirectUri(String description) {
		return new ClientRegistrationException(HttpStatus.BAD_REQUEST,
				new OAuth2Error(INVALID_REDIRECT_URI, description, REGISTRATION_ERROR_URI), null);
	}

	/**
	 * 400 {@code invalid_request}, for a request whose form no metadata error describes.
	 */
	public static ClientRegistrationException invalidRequest(String description) {
		return new ClientRegistrationException(HttpStatus.BAD_REQUEST,
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null), null);
	}

	/**
	 * 401 {@code invalid_token}: a missing, malformed, unknown, expired or used token.
	 * @param missing whether no token came at all (the challenge then carries no error,
	 * RFC 6750 §3.1)
	 */
	public static ClientRegistrationException invalidToken(String description, boolean missing) {
		String challenge = missing ? "Bearer" : "Bearer error=\"invalid_token\"";
		return new ClientRegistrationException(HttpStatus.UNAUTHORIZED,
				new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, BEARER_ERROR_URI), challenge);
	}

	/**
	 * 403 {@code insufficient_scope}: a genuine token without the scope needed.
	 */
	public static ClientRegistrationException insufficientScope(String scope) {
		return new ClientRegistrationException(
				HttpStatus.FORBIDDEN, new OAuth2Error(OAuth2ErrorCodes.INSUFFICIENT_SCOPE,
						"The access token lacks the scope " + scope, BEARER_ERROR_URI),
				"Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
	}

	public HttpStatus getStatus() {
		return this.status;
	}

	public OAuth2Error getError() {
		return this.error;
	}

	/**
	 * The {@code WWW-Authenticate} value, or {@code null}.
	 */
	public String getChallenge() {
		return this.challenge;
	}

}
