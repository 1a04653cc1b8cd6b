package dev.ciba.server.registration;

import java.time.Instant;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * A verified initial access token, not yet used.
 *
 * @param value the token
 * @param expiresAt when it expires
 * @param authorization the authorization that issued it
 */
record InitialAccessToken(String value, Instant expiresAt, OAuth2Authorization authorization) {

	@Override
	public String toString() {
		return "InitialAccessToken[client=" + this.authorization.getRegisteredClientId() + "]";
	}

}
