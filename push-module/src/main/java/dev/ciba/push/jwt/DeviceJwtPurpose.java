package dev.ciba.push.jwt;

import java.time.Duration;

import dev.ciba.push.PushChannelSettings;

/**
 * What a device token is used for. Each use has its own rules: the value of the
 * {@code purpose} claim, the longest lifetime, the claims it must carry and how it is
 * made single use.
 */
public enum DeviceJwtPurpose {

	/**
	 * An answer to a push authentication. The WSO2 SDKs send neither {@code purpose},
	 * {@code iat} nor {@code jti}; an answer without {@code jti} is single use through
	 * the state of the push authentication.
	 */
	AUTHENTICATE("authenticate"),

	/**
	 * The pull of pending requests: {@code purpose}, {@code iat} and {@code jti}
	 * required.
	 */
	PENDING("pending"),

	/**
	 * A device removing itself.
	 */
	REMOVE("remove"),

	/**
	 * A device changing its push token or name.
	 */
	UPDATE("update"),

	/**
	 * A device replacing its key, signed with the key it replaces: {@code purpose},
	 * {@code iat} and {@code jti} required (no WSO2 app sends such a token, so there is
	 * nothing to be lenient about).
	 */
	ROTATE_KEY("rotate-key");

	private final String claimValue;

	DeviceJwtPurpose(String claimValue) {
		this.claimValue = claimValue;
	}

	/**
	 * The value of the {@code purpose} claim for this use.
	 */
	public String claimValue() {
		return this.claimValue;
	}

	Duration maxLifetime(PushChannelSettings.DeviceJwt settings) {
		return (this == AUTHENTICATE) ? settings.authenticateMaxLifetime() : settings.maxLifetime();
	}

	boolean requiresIssuedAtAndJti() {
		return this == PENDING || this == ROTATE_KEY;
	}

	/**
	 * Remove and update tokens are single use even without {@code jti}: their hash is
	 * kept until they expire.
	 */
	boolean singleUseWithoutJti() {
		return this == REMOVE || this == UPDATE;
	}

}
