package dev.ciba.simulator;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fixtures for phone tests.
 */
final class TestPhones {

	static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final String DEVICE_ID = "5f0c5d3e-8f7a-4a37-9d2e-0c1b2a3d4e5f";

	static final String CHALLENGE = "b8e3a5c2-1f4d-4e6a-9b7c-2d3e4f5a6b7c";

	private TestPhones() {
	}

	static DiscoveryData discoveryData(String host) {
		return new DiscoveryData(DEVICE_ID, "alice", host, "acme", CHALLENGE);
	}

	/**
	 * A generation-1 QR code as the server makes it for tenant {@code acme}.
	 */
	static Wso2V1DiscoveryData wso2V1DiscoveryData(String host) {
		return new Wso2V1DiscoveryData(DEVICE_ID, "alice", "acme", host, "/t/acme/api/users/v1/me",
				"/push-auth/devices", "/t/acme/push-auth/authenticate", CHALLENGE);
	}

	static Phone wso2V1Phone(KeyType type) {
		return Phone.create(wso2V1DiscoveryData("http://127.0.0.1:1"), type, HttpClient.newHttpClient(), CLOCK);
	}

	static Phone phone(KeyType type) {
		return Phone.create(discoveryData("http://127.0.0.1:1"), type, HttpClient.newHttpClient(), CLOCK);
	}

	static PendingRequest pendingRequest(String pushId, String relativePath) {
		return new PendingRequest(pushId, "challenge-of-" + pushId, DEVICE_ID, "alice", "acme", relativePath,
				"Demo Bank", "AUTHENTICATION", "192.0.2.10", "KX-42", "openid payments", NOW.minusSeconds(5),
				NOW.plusSeconds(115));
	}

	static PendingRequest pendingRequestWithNumbers(String pushId, String numberChallenge) {
		return new PendingRequest(pushId, "challenge-of-" + pushId, DEVICE_ID, "alice", "acme", "/t/acme", "Demo Bank",
				"AUTHENTICATION", "192.0.2.10", "KX-42", "openid payments", NOW.minusSeconds(5), NOW.plusSeconds(115),
				Map.of(), List.of(), Arrays.stream(numberChallenge.split(",")).map(String::strip).toList());
	}

}
