package dev.ciba.server.delivery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ciba.server.ciba.CibaGrant;
import dev.ciba.server.ciba.CibaTokenIssuer.IssuedTokens;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The JSON bodies the server POSTs to a client's notification endpoint.
 */
public final class NotificationPayloads {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NotificationPayloads() {
	}

	/**
	 * A ping (CIBA Core §10.2): the {@code auth_req_id} and nothing else.
	 */
	public static String ping(String authReqId) {
		return JSON.writeValueAsString(Map.of("auth_req_id", authReqId));
	}

	/**
	 * A successful token push (CIBA Core §10.3): the {@code auth_req_id} and the token
	 * response, with {@code refresh_token} only when one was issued and
	 * {@code authorization_details} only when the request had them.
	 */
	public static String tokens(String authReqId, IssuedTokens tokens) {
		OAuth2AccessToken accessToken = tokens.accessToken();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("auth_req_id", authReqId);
		body.put("access_token", accessToken.getTokenValue());
		body.put("token_type", accessToken.getTokenType().getValue());
		body.put("expires_in", expiresIn(accessToken));
		if (tokens.refreshToken() != null) {
			body.put("refresh_token", tokens.refreshToken().getTokenValue());
		}
		body.put("id_token", tokens.idToken().getTokenValue());
		// RFC 9396 §7: the token response names the authorization details granted.
		if (tokens.authorizationDetails() != null) {
			body.put(CibaGrant.AUTHORIZATION_DETAILS, tokens.authorizationDetailsValues());
		}
		return JSON.writeValueAsString(body);
	}

	/**
	 * A failed request pushed to a push client (CIBA Core §12).
	 * @param error {@code access_denied}, {@code expired_token} or
	 * {@code transaction_failed}
	 */
	public static String error(String authReqId, String error, String description) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("auth_req_id", authReqId);
		body.put("error", error);
		body.put("error_description", description);
		return JSON.writeValueAsString(body);
	}

	private static long expiresIn(OAuth2AccessToken accessToken) {
		if (accessToken.getIssuedAt() == null || accessToken.getExpiresAt() == null) {
			throw new IllegalStateException("The access token has no lifetime");
		}
		return Duration.between(accessToken.getIssuedAt(), accessToken.getExpiresAt()).toSeconds();
	}

}
