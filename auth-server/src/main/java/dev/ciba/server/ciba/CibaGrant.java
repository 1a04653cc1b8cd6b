package dev.ciba.server.ciba;

import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The CIBA grant type (CIBA Core 1.0 §10.1).
 */
public final class CibaGrant {

	/** {@code urn:openid:params:grant-type:ciba}. */
	public static final AuthorizationGrantType TYPE = new AuthorizationGrantType("urn:openid:params:grant-type:ciba");

	/** The request parameter naming the request at the token endpoint. */
	public static final String AUTH_REQ_ID = "auth_req_id";

	/**
	 * The authorization attribute holding when the end-user approved, as an
	 * {@link java.time.Instant}.
	 */
	public static final String AUTH_TIME_ATTRIBUTE = "ciba.auth_time";

	/**
	 * The authorization attribute holding the request's {@code authorization_details}
	 * (RFC 9396) as compact JSON text; absent when the request had none. Text, because
	 * the authorization store reads attributes back only of a few known types.
	 */
	public static final String AUTHORIZATION_DETAILS_ATTRIBUTE = "ciba.authorization_details";

	/** The token response member and access token claim of RFC 9396 §7 and §9.1. */
	public static final String AUTHORIZATION_DETAILS = "authorization_details";

	private CibaGrant() {
	}

}
