package dev.ciba.push.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

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

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * The JSON of the QR code and of the discovery-data endpoint: {@code deviceId},
	 * {@code username}, {@code host}, {@code tenantDomain}, {@code challenge}.
	 */
	public String toJson() {
		Map<String, String> fields = new LinkedHashMap<>();
		putIfPresent(fields, "deviceId", this.deviceId);
		putIfPresent(fields, "username", this.username);
		putIfPresent(fields, "host", this.host);
		putIfPresent(fields, "tenantDomain", this.tenantDomain);
		putIfPresent(fields, "challenge", this.challenge);
		return JSON.writeValueAsString(fields);
	}

	/**
	 * Leaves out absent fields, as the WSO2 server does.
	 */
	private static void putIfPresent(Map<String, String> fields, String name, String value) {
		if (value != null) {
			fields.put(name, value);
		}
	}

	/**
	 * Names the device only: the challenge is a one-time secret.
	 */
	@Override
	public String toString() {
		return "DiscoveryData[deviceId=" + this.deviceId + ", expiresAt=" + this.expiresAt + "]";
	}

}
