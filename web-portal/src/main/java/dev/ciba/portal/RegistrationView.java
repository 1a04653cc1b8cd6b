package dev.ciba.portal;

/**
 * An open registration as its page shows it.
 *
 * @param deviceId the id the new device will have
 * @param json the discovery data, the same text as in the QR code
 * @param expiresAt when the registration expires, ISO-8601
 * @param secondsLeft whole seconds from now until then
 */
record RegistrationView(String deviceId, String json, String expiresAt, long secondsLeft) {
}
