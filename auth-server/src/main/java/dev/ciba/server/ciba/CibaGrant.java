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

	private CibaGrant() {
	}

}
