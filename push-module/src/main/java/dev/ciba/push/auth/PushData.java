package dev.ciba.push.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ciba.push.PushChannelSettings;
import org.jspecify.annotations.Nullable;

/**
 * The push data of a push authentication for one device: the flat, string-only map of the
 * WSO2 "push" protocol plus our additions. The push carries it, and the pending-request
 * pull answers with it.
 */
public final class PushData {

	/**
	 * The only scenario we send: an authentication request.
	 */
	public static final String SCENARIO_AUTHENTICATION = "AUTHENTICATION";

	private PushData() {
	}

	/** The key of the scope descriptions: a JSON object, scope to description. */
	public static final String SCOPE_DESCRIPTIONS = "scopeDescriptions";

	/** The key of the rendered authorization details: a JSON array. */
	public static final String AUTHORIZATION_DETAILS = "authorizationDetails";

	/**
	 * The key of number matching's choices: two-digit numbers, comma separated, one of
	 * them the number the client shows. Never the number alone.
	 */
	public static final String NUMBER_CHALLENGE = "numberChallenge";

	/**
	 * The data for one device, in a stable order. Times are ISO-8601 instants in UTC;
	 * {@code ipAddress}, {@code bindingMessage}, {@code scopeDescriptions},
	 * {@code authorizationDetails} and {@code numberChallenge} are left out when the
	 * request has none. FCM data values are strings, so the structured parts are JSON
	 * text, one key each.
	 */
	public static Map<String, String> of(PushAuthRecord pushAuth, String deviceId, String username,
			PushChannelSettings settings) {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("pushId", pushAuth.id());
		data.put("challenge", pushAuth.challenge());
		data.put("deviceId", deviceId);
		data.put("username", username);
		data.put("tenantDomain", settings.tenant());
		data.put("relativePath", settings.tenantPath());
		data.put("applicationName", pushAuth.clientName());
		data.put("notificationScenario", SCENARIO_AUTHENTICATION);
		putIfPresent(data, "ipAddress", pushAuth.ipAddress());
		putIfPresent(data, "bindingMessage", pushAuth.bindingMessage());
		data.put("scope", pushAuth.scope());
		data.put("requestTime", pushAuth.requestedAt().toString());
		data.put("expiresAt", pushAuth.expiresAt().toString());
		putIfPresent(data, SCOPE_DESCRIPTIONS, ScopeDescriptionsJson.write(pushAuth.display().scopeDescriptions()));
		putIfPresent(data, AUTHORIZATION_DETAILS, pushAuth.display().authorizationDetails());
		putIfPresent(data, NUMBER_CHALLENGE, pushAuth.numberChoices());
		return Collections.unmodifiableMap(data);
	}

	private static void putIfPresent(Map<String, String> data, String key, @Nullable String value) {
		if (value != null) {
			data.put(key, value);
		}
	}

}
