package dev.ciba.push.registration;

import java.time.Instant;

/**
 * An open registration: offered to a customer, not used yet.
 *
 * @param deviceId the id the new device will have
 * @param customerId the customer it was offered to
 * @param challenge the single-use challenge the device signs
 * @param expiresAt when it stops being usable
 */
public record PendingRegistration(String deviceId, String customerId, String challenge, Instant expiresAt) {

	@Override
	public String toString() {
		return "PendingRegistration[deviceId=" + this.deviceId + "]";
	}

}
