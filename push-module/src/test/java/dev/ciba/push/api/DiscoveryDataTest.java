package dev.ciba.push.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryDataTest {

	private static final JsonMapper JSON = JsonMapper.shared();

	@Test
	void toJsonWhenParsedThenSameFieldsInProtocolOrder() {
		DiscoveryData data = new DiscoveryData("5b0e6f0e-1f7c-4c1e-9d56-0d7f3c2a9b11", "alice", "https://ciba.example",
				"bank", "q8Xv-challenge_x", Instant.parse("2026-03-02T09:03:00Z"));

		String json = data.toJson();
		LinkedHashMap<String, String> parsed = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
		});

		assertThat(List.copyOf(parsed.keySet())).containsExactly("deviceId", "username", "host", "tenantDomain",
				"challenge");
		assertThat(parsed)
			.containsExactlyInAnyOrderEntriesOf(Map.of("deviceId", "5b0e6f0e-1f7c-4c1e-9d56-0d7f3c2a9b11", "username",
					"alice", "host", "https://ciba.example", "tenantDomain", "bank", "challenge", "q8Xv-challenge_x"));
		DiscoveryData back = new DiscoveryData(parsed.get("deviceId"), parsed.get("username"), parsed.get("host"),
				parsed.get("tenantDomain"), parsed.get("challenge"), data.expiresAt());
		assertThat(back).isEqualTo(data);
	}

	@Test
	void toJsonWhenValuesNeedEscapingThenValidJson() {
		DiscoveryData data = new DiscoveryData("d", "al\"ice\\", "https://h", "t", "c", Instant.EPOCH);

		Map<String, String> parsed = JSON.readValue(data.toJson(), new TypeReference<Map<String, String>>() {
		});

		assertThat(parsed).containsEntry("username", "al\"ice\\");
	}

	@Test
	void toStringWhenCalledThenLeavesOutTheChallenge() {
		DiscoveryData data = new DiscoveryData("d", "alice", "https://h", "t", "secret-challenge", Instant.EPOCH);

		assertThat(data.toString()).isEqualTo("DiscoveryData[deviceId=d, expiresAt=1970-01-01T00:00:00Z]");
	}

}
