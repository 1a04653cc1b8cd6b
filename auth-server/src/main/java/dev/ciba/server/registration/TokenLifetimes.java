package dev.ciba.server.registration;

import java.time.Duration;

import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * How long a client's access and refresh tokens live. Set by operators only: dynamic
 * registrations get the defaults, which are the bounds' defaults here too.
 *
 * @param accessToken the access token (and ID token) lifetime
 * @param refreshToken the refresh token lifetime
 */
public record TokenLifetimes(Duration accessToken, Duration refreshToken) {

	/** Shortest access token lifetime: a client must have time to use the token. */
	public static final Duration MIN_ACCESS_TOKEN = Duration.ofMinutes(1);

	/** Longest access token lifetime: bearer tokens cannot be recalled. */
	public static final Duration MAX_ACCESS_TOKEN = Duration.ofHours(24);

	/** Shortest refresh token lifetime. */
	public static final Duration MIN_REFRESH_TOKEN = Duration.ofMinutes(5);

	/** Longest refresh token lifetime. */
	public static final Duration MAX_REFRESH_TOKEN = Duration.ofDays(90);

	private static final TokenSettings DEFAULTS = TokenSettings.builder().build();

	/**
	 * @throws ClientRegistrationException {@code invalid_client_metadata} naming the
	 * lifetime outside its bounds
	 */
	public TokenLifetimes {
		if (accessToken == null || accessToken.compareTo(MIN_ACCESS_TOKEN) < 0
				|| accessToken.compareTo(MAX_ACCESS_TOKEN) > 0) {
			throw ClientRegistrationException.invalidMetadata("access_token_lifetime must be from "
					+ MIN_ACCESS_TOKEN.toSeconds() + " to " + MAX_ACCESS_TOKEN.toSeconds() + " seconds");
		}
		if (refreshToken == null || refreshToken.compareTo(MIN_REFRESH_TOKEN) < 0
				|| refreshToken.compareTo(MAX_REFRESH_TOKEN) > 0) {
			throw ClientRegistrationException.invalidMetadata("refresh_token_lifetime must be from "
					+ MIN_REFRESH_TOKEN.toSeconds() + " to " + MAX_REFRESH_TOKEN.toSeconds() + " seconds");
		}
	}

	/**
	 * The lifetimes a new client gets: Spring Authorization Server's defaults.
	 */
	public static TokenLifetimes defaults() {
		return new TokenLifetimes(DEFAULTS.getAccessTokenTimeToLive(), DEFAULTS.getRefreshTokenTimeToLive());
	}

	/**
	 * The lifetimes of a stored client's token settings.
	 */
	public static TokenLifetimes of(TokenSettings settings) {
		return new TokenLifetimes(settings.getAccessTokenTimeToLive(), settings.getRefreshTokenTimeToLive());
	}

	TokenSettings toTokenSettings() {
		return TokenSettings.builder()
			.accessTokenTimeToLive(this.accessToken)
			.refreshTokenTimeToLive(this.refreshToken)
			.build();
	}

}
