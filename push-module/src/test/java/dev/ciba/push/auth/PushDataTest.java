package dev.ciba.push.auth;

import java.time.Instant;
import java.util.Map;

import dev.ciba.push.PushChannelSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PushDataTest {

	private static final PushChannelSettings SETTINGS = PushChannelSettings.defaults("bank", "https://ciba.example");

	@Test
	void ofWhenFullRequestThenEveryFieldInOrder() {
		PushAuthRecord pushAuth = pushAuth("Pay 10 EUR", "203.0.113.7");

		Map<String, String> data = PushData.of(pushAuth, "device-1", "alice", SETTINGS);

		assertThat(data).containsExactly(entry("pushId", "push-1"), entry("challenge", "chg-1"),
				entry("deviceId", "device-1"), entry("username", "alice"), entry("tenantDomain", "bank"),
				entry("relativePath", "/t/bank"), entry("applicationName", "Payments Ltd"),
				entry("notificationScenario", "AUTHENTICATION"), entry("ipAddress", "203.0.113.7"),
				entry("bindingMessage", "Pay 10 EUR"), entry("scope", "openid payments"),
				entry("requestTime", "2026-03-02T09:00:00Z"), entry("expiresAt", "2026-03-02T09:05:00Z"));
	}

	@Test
	void ofWhenNoBindingMessageNorAddressThenLeftOut() {
		Map<String, String> data = PushData.of(pushAuth(null, null), "device-1", "alice", SETTINGS);

		assertThat(data).doesNotContainKeys("bindingMessage", "ipAddress").hasSize(11);
	}

	private static PushAuthRecord pushAuth(String bindingMessage, String ipAddress) {
		return new PushAuthRecord("push-1", "customer-1", "chg-1", "Payments Ltd", bindingMessage, "openid payments",
				ipAddress, Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T09:05:00Z"),
				PushAuthStatus.PENDING);
	}

}
