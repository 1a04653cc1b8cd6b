package dev.ciba.push.auth;

import java.time.Instant;
import java.util.Map;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.api.PushAuthStart.Display;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class Wso2V1PushDataTest {

	private static final PushChannelSettings SETTINGS = PushChannelSettings.defaults("bank", "https://ciba.example");

	@Test
	void ofWhenFullRequestThenTheGenerationOneKeysInOrder() {
		Map<String, String> data = Wso2V1PushData.of(pushAuth("Pay 10 EUR", "203.0.113.7"), "device-1", "alice",
				SETTINGS);

		assertThat(data).containsExactly(entry("deviceId", "device-1"),
				entry("body", "alice is requesting to sign in to Payments Ltd"), entry("challenge", "chg-1"),
				entry("sessionDataKey", "push-1"), entry("username", "alice"), entry("displayName", "alice"),
				entry("organization", "bank"), entry("applicationName", "Payments Ltd"),
				entry("ipAddress", "203.0.113.7"), entry("deviceName", ""), entry("browserName", ""),
				entry("metadata", "{\"binding_message\":\"Pay 10 EUR\",\"scope\":\"openid payments\"}"),
				entry("expiresAt", "2026-03-02T09:05:00Z"));
	}

	@Test
	void ofWhenNoBindingMessageNorAddressThenLeftOut() {
		Map<String, String> data = Wso2V1PushData.of(pushAuth(null, null), "device-1", "alice", SETTINGS);

		assertThat(data).doesNotContainKey("ipAddress").hasSize(12);
		assertThat(data).containsEntry("metadata", "{\"scope\":\"openid payments\"}");
	}

	@Test
	void ofWhenBindingMessageHasQuotesThenMetadataIsValidJson() {
		Map<String, String> data = Wso2V1PushData.of(pushAuth("Say \"hi\" \\ now", null), "device-1", "alice",
				SETTINGS);

		assertThat(data.get("metadata"))
			.isEqualTo("{\"binding_message\":\"Say \\\"hi\\\" \\\\ now\",\"scope\":\"openid payments\"}");
	}

	@Test
	void ofWhenNumberMatchingThenTheChoicesTravelInTheMetadata() {
		PushAuthRecord plain = pushAuth("Pay 10 EUR", null);
		PushAuthRecord withNumbers = new PushAuthRecord(plain.id(), plain.customerId(), plain.challenge(),
				plain.clientName(), plain.bindingMessage(), plain.scope(), null, plain.requestedAt(), plain.expiresAt(),
				PushAuthStatus.PENDING, Display.NONE, "17,42,93");

		Map<String, String> data = Wso2V1PushData.of(withNumbers, "device-1", "alice", SETTINGS);

		assertThat(data.get("metadata")).isEqualTo(
				"{\"binding_message\":\"Pay 10 EUR\",\"scope\":\"openid payments\",\"number_choices\":\"17,42,93\"}");
	}

	private static PushAuthRecord pushAuth(String bindingMessage, String ipAddress) {
		return new PushAuthRecord("push-1", "customer-1", "chg-1", "Payments Ltd", bindingMessage, "openid payments",
				ipAddress, Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-02T09:05:00Z"),
				PushAuthStatus.PENDING);
	}

}
