package dev.ciba.push.registration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /t/{tenant}/api/users/v1/me/push/devices}, as the phone sends
 * it.
 *
 * @param deviceId the device id from the QR code
 * @param name the device's name
 * @param model the device's model
 * @param deviceToken the push token; absent or empty for a pull-only device
 * @param publicKey base64 DER SubjectPublicKeyInfo
 * @param signature base64 signature over {@code challenge + "." + deviceToken}
 * @param provider the push provider: a name, or an object with a {@code name}
 */
public record DeviceRegistrationRequest(@Nullable String deviceId, @Nullable String name, @Nullable String model,
		@Nullable String deviceToken, @Nullable String publicKey, @Nullable String signature,
		@Nullable JsonNode provider) {

	@Override
	public String toString() {
		return "DeviceRegistrationRequest[deviceId=" + this.deviceId + "]";
	}

}
