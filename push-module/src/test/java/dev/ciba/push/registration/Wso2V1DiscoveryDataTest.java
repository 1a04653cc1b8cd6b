package dev.ciba.push.registration;

import java.time.Instant;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.api.DiscoveryData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Wso2V1DiscoveryDataTest {

	@Test
	void toJsonWhenMadeFromDiscoveryDataThenShortKeysInOrder() {
		DiscoveryData data = new DiscoveryData("5b0e6f0e-1f7c-4c1e-9d56-0d7f3c2a9b11", "alice",
				"https://ciba.example/base", "bank", "challenge-1", Instant.EPOCH);
		PushChannelSettings settings = PushChannelSettings.defaults("bank", "https://ciba.example/base/");

		String json = Wso2V1DiscoveryData.of(data, settings).toJson();

		assertThat(json).isEqualTo("{\"did\":\"5b0e6f0e-1f7c-4c1e-9d56-0d7f3c2a9b11\",\"un\":\"alice\",\"td\":\"bank\","
				+ "\"hst\":\"https://ciba.example/base\",\"bp\":\"/t/bank/api/users/v1/me\","
				+ "\"re\":\"/push-auth/devices\",\"ae\":\"/t/bank/push-auth/authenticate\","
				+ "\"rde\":\"/push-auth/devices/remove\",\"chg\":\"challenge-1\"}");
	}

	@Test
	void toStringWhenCalledThenNoChallenge() {
		Wso2V1DiscoveryData data = new Wso2V1DiscoveryData("d-1", "alice", "bank", "https://h", "/bp", "/re", "/ae",
				"/rde", "secret-challenge");

		assertThat(data.toString()).isEqualTo("Wso2V1DiscoveryData[did=d-1]").doesNotContain("secret");
	}

}
