package dev.ciba.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A confidential client's id and secret, sent as {@code client_secret_basic} (RFC 6749
 * §2.3.1: both form-encoded, then joined and base64-encoded).
 *
 * @param clientId the client id
 * @param secret the client secret
 */
record ClientCredentials(String clientId, String secret) {

	static final String FORM = "application/x-www-form-urlencoded";

	static final String CIBA_GRANT = "urn:openid:params:grant-type:ciba";

	String basicHeader() {
		String pair = encode(this.clientId) + ":" + encode(this.secret);
		return "Authorization: Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * The form of a token request for the CIBA grant.
	 */
	static String tokenForm(String authReqId) {
		return "grant_type=" + encode(CIBA_GRANT) + "&auth_req_id=" + encode(authReqId);
	}

}
