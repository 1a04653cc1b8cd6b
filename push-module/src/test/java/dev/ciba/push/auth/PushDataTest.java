package dev.ciba.push.auth;

import java.time.Instant;
import java.util.Map;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.api.PushAuthStart.Display;
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

	@Test
	void ofWhenDisplayAndNumberMatchingThenJsonTextFieldsAndChoicesLast() {
		Display display = new Display(Map.of("openid", "Confirm who you are"),
				"[{\"type\":\"payment_initiation\",\"lines\":[\"Amount: 5 EUR\"]}]", "Payment of 5 EUR");
		PushAuthRecord pushAuth = new PushAuthRecord("push-1", "customer-1", "chg-1", "Payments Ltd", null, "openid",
				null, Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T09:05:00Z"),
				PushAuthStatus.PENDING, display, "17,42,86");

		Map<String, String> data = PushData.of(pushAuth, "device-1", "alice", SETTINGS);

		assertThat(data.keySet()).endsWith("expiresAt", "scopeDescriptions", "authorizationDetails", "numberChallenge");
		assertThat(data).containsEntry("scopeDescriptions", "{\"openid\":\"Confirm who you are\"}")
			.containsEntry("authorizationDetails", "[{\"type\":\"payment_initiation\",\"lines\":[\"Amount: 5 EUR\"]}]")
			.containsEntry("numberChallenge", "17,42,86");
		assertThat(data.values()).allSatisfy((value) -> assertThat(value).isNotNull());
	}

	@Test
	void ofWhenScopeDescriptionsThenTheyReadBackInRequestOrder() {
		Map<String, String> descriptions = new java.util.LinkedHashMap<>();
		descriptions.put("openid", "Confirm who you are");
		descriptions.put("payments", "payments");
		descriptions.put("email", "See your \"e-mail\" address");
		PushAuthRecord pushAuth = new PushAuthRecord("push-1", "customer-1", "chg-1", "Payments Ltd", null,
				"openid payments email", null, Instant.parse("2026-03-02T09:00:00Z"),
				Instant.parse("2026-03-02T09:05:00Z"), PushAuthStatus.PENDING, new Display(descriptions, null, null),
				null);

		Map<String, String> data = PushData.of(pushAuth, "device-1", "alice", SETTINGS);

		assertThat(ScopeDescriptionsJson.read(data.get("scopeDescriptions"))).containsExactlyEntriesOf(descriptions);
		assertThat(data).doesNotContainKeys("authorizationDetails", "numberChallenge");
	}

	private static PushAuthRecord pushAuth(String bindingMessage, String ipAddress) {
		return new PushAuthRecord("push-1", "customer-1", "chg-1", "Payments Ltd", bindingMessage, "openid payments",
				ipAddress, Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T09:05:00Z"),
				PushAuthStatus.PENDING);
	}

}
