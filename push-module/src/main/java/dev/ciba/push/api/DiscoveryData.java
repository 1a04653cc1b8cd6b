package dev.ciba.push.api;

import java.time.Instant;

/**
 * The content of a registration QR code, in the field names of the push protocol.
 *
 * @param deviceId the id the new device will have
 * @param username the customer's username
 * @param host the public base URL of the server
 * @param tenantDomain the tenant name
 * @param challenge the single-use challenge the device signs
 * @param expiresAt when the challenge expires (not part of the JSON)
 */
public record DiscoveryData(String deviceId, String username, String host, String tenantDomain, String challenge,
		Instant expiresAt) {

	/**
	 * The JSON of the QR code and of the discovery-data endpoint: {@code deviceId},
	 * {@code username}, {@code host}, {@code tenantDomain}, {@code challenge}.
	 */
	public String toJson() {
		throw new UnsupportedOperationException("implemented by the push module");
	}

}
