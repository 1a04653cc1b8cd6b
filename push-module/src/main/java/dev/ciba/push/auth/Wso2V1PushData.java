package dev.ciba.push.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.fcm.FcmPushSender;
import tools.jackson.databind.json.JsonMapper;

/**
 * The push data of a push authentication for a device of generation 1 ("push-auth") of
 * the WSO2 protocol: the flat, string-only map its React Native SDK reads. The push
 * carries it, and the pending-request pull answers with it.
 * <p>
 * What we have no value for: {@code displayName} is the username (customers have no
 * names), {@code deviceName} and {@code browserName} are empty (the request comes from a
 * client's back end, not from a browser; the SDK treats empty values as absent).
 * {@code metadata} is a JSON text with {@code binding_message} (when the request has one)
 * and {@code scope}; we add {@code expiresAt}, which the SDK ignores and from which the
 * FCM time to live is taken.
 */
public final class Wso2V1PushData {

	private static final JsonMapper JSON = JsonMapper.shared();

	private Wso2V1PushData() {
	}

	/**
	 * The data for one device, in a stable order. {@code ipAddress} is left out when the
	 * request has none.
	 */
	public static Map<String, String> of(PushAuthRecord pushAuth, String deviceId, String username,
			PushChannelSettings settings) {
		Map<String, String> data = new LinkedHashMap<>();
		data.put("deviceId", deviceId);
		data.put("body", body(pushAuth, username));
		data.put("challenge", pushAuth.challenge());
		// The SDK echoes it as the sid claim of the answer and shows its first eight
		// characters as a "connection code".
		data.put("sessionDataKey", pushAuth.id());
		data.put("username", username);
		data.put("displayName", username);
		data.put("organization", settings.tenant());
		data.put("applicationName", pushAuth.clientName());
		if (pushAuth.ipAddress() != null) {
			data.put("ipAddress", pushAuth.ipAddress());
		}
		data.put("deviceName", "");
		data.put("browserName", "");
		data.put("metadata", metadata(pushAuth));
		data.put(FcmPushSender.EXPIRES_AT, pushAuth.expiresAt().toString());
		return Collections.unmodifiableMap(data);
	}

	/**
	 * The text of the notification, also sent as {@code body} in the data.
	 */
	public static String body(PushAuthRecord pushAuth, String username) {
		return username + " is requesting to sign in to " + pushAuth.clientName();
	}

	// Known gap: the Open Banking flavour of the generation-1 SDK (the CIBA sample app of
	// WSO2 Open Banking) reads consent data (accounts, permissions) from the metadata as
	// well. A CIBA request here carries no such consent, so none is sent, and that app's
	// consent screen has nothing to show.
	private static String metadata(PushAuthRecord pushAuth) {
		Map<String, String> metadata = new LinkedHashMap<>();
		if (pushAuth.bindingMessage() != null) {
			metadata.put("binding_message", pushAuth.bindingMessage());
		}
		metadata.put("scope", pushAuth.scope());
		// Number matching has no field in generation 1: the choices travel in the
		// metadata, and the answer must carry the picked number as claim numberChallenge.
		// The WSO2 apps know neither, so their approvals of such requests are refused.
		if (pushAuth.numberChoices() != null) {
			metadata.put("number_choices", pushAuth.numberChoices());
		}
		return JSON.writeValueAsString(metadata);
	}

}
