package dev.ciba.portal;

import org.jspecify.annotations.Nullable;

/**
 * An open registration as its page shows it.
 *
 * @param deviceId the id the new device will have
 * @param json the discovery data, the same text as in the QR code
 * @param expiresAt when the registration expires
 * @param expiresAtDisplay the same time in UTC to the second, for display
 * @param secondsLeft whole seconds from now until then
 * @param wso2V1Json the same registration in the QR keys of generation 1 of the WSO2
 * protocol, or {@code null} while its compatibility profile is off
 */
record RegistrationView(String deviceId, String json, DisplayTime expiresAt, String expiresAtDisplay, long secondsLeft,
		@Nullable String wso2V1Json) {
}
