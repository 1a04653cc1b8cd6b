package dev.ciba.portal;

import java.time.Instant;

import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.api.DeviceDirectory.DeviceSummary;
import dev.ciba.push.api.DiscoveryData;

import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.spy;

/**
 * Fixtures of the portal tests: the logged-in customer {@code cust-1} and its data.
 */
final class TestPortalData {

	static final String CUSTOMER_ID = "cust-1";

	static final Instant NOW = Instant.parse("2030-01-02T10:00:00Z");

	private TestPortalData() {
	}

	static CustomerRef customer() {
		return new CustomerRef(CUSTOMER_ID, "alice", true);
	}

	static CustomerRef disabledCustomer() {
		return new CustomerRef(CUSTOMER_ID, "alice", false);
	}

	static DeviceSummary device(String deviceId, String name) {
		return new DeviceSummary(deviceId, name, "Pixel 8", Instant.parse("2030-01-01T08:15:30Z"),
				Instant.parse("2030-01-02T09:45:00Z"), false, false, 2);
	}

	static DeviceSummary unreachableDevice(String deviceId, String name) {
		return new DeviceSummary(deviceId, name, "Pixel 7", Instant.parse("2029-06-01T10:00:00Z"),
				Instant.parse("2029-06-02T10:00:00Z"), true, true, 1);
	}

	static DeviceSummary pullOnlyDeviceNeverUsed(String deviceId, String name) {
		return new DeviceSummary(deviceId, name, "iPhone 15", Instant.parse("2029-12-31T23:59:00Z"), null, true, false,
				2);
	}

	/**
	 * Discovery data whose JSON is fixed here, so the portal tests do not depend on the
	 * push module's serialisation.
	 */
	static DiscoveryData discoveryData(String deviceId, Instant expiresAt, String json) {
		DiscoveryData data = spy(
				new DiscoveryData(deviceId, "alice", "https://ciba.example", "carbon.super", "challenge-1", expiresAt));
		doReturn(json).when(data).toJson();
		return data;
	}

}
