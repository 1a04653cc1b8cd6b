package dev.ciba.push.outbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One push to one device.
 *
 * @param deviceId the device
 * @param pushToken the push provider's token of the device
 * @param data the data message, string values only (the push data of the protocol)
 * @param title the notification's title
 * @param body the notification's text
 */
public record PushMessage(String deviceId, String pushToken, Map<String, String> data, String title, String body) {

	public PushMessage {
		data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
	}

	/**
	 * Names the device only: the token, the challenge and the binding message stay out of
	 * logs.
	 */
	@Override
	public String toString() {
		return "PushMessage[deviceId=" + this.deviceId + "]";
	}

}
