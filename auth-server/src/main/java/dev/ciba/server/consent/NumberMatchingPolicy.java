package dev.ciba.server.consent;

import dev.ciba.push.api.PushAuthStart.NumberMatching;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.config.CibaProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Whether a client's requests need number matching: when the client registered
 * {@code number_matching_required: true}, or when
 * {@code ciba.push.number-matching.enabled} is on. A client cannot opt out of the
 * server-wide switch: registering {@code false} is the same as not registering it.
 * Checked at start-up.
 */
public class NumberMatchingPolicy {

	private final boolean enabled;

	private final NumberMatching numberMatching;

	public NumberMatchingPolicy(CibaProperties properties) {
		CibaProperties.NumberMatching settings = properties.getPush().getNumberMatching();
		if (settings.getMaxWrongAnswers() < 1) {
			throw new IllegalStateException("ciba.push.number-matching.max-wrong-answers must be at least 1");
		}
		this.enabled = settings.isEnabled();
		this.numberMatching = new NumberMatching(settings.getMaxWrongAnswers());
	}

	/**
	 * The number matching of the client's requests, or {@code null} when they need none.
	 */
	public @Nullable NumberMatching forClient(RegisteredClient client) {
		return (this.enabled || CibaClientSettings.numberMatchingRequired(client)) ? this.numberMatching : null;
	}

}
