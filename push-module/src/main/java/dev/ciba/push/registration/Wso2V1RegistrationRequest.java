package dev.ciba.push.registration;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /t/{tenant}/api/users/v1/me/push-auth/devices}, as a phone of
 * generation 1 of the WSO2 protocol sends it.
 *
 * @param deviceId the device id from the QR code ({@code did})
 * @param name the device's name
 * @param model the device's model
 * @param pushId the FCM registration token; absent or empty for a pull-only device
 * @param publicKey base64 DER SubjectPublicKeyInfo of an RSA key (1024 bits from the SDK)
 * @param signature base64 SHA256withRSA signature over {@code chg + "." + pushId}
 */
public record Wso2V1RegistrationRequest(@Nullable String deviceId, @Nullable String name, @Nullable String model,
		@Nullable String pushId, @Nullable String publicKey, @Nullable String signature) {

	@Override
	public String toString() {
		return "Wso2V1RegistrationRequest[deviceId=" + this.deviceId + "]";
	}

}
