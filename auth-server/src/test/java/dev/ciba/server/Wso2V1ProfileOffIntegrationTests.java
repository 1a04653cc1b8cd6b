package dev.ciba.server;

import java.net.URI;
import java.net.http.HttpRequest;

import dev.ciba.server.CibaTestClient.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the WSO2 generation-1 compatibility profile off (the default), its paths do not
 * exist: 404 as JSON through the device API's security chain, whatever the body.
 */
class Wso2V1ProfileOffIntegrationTests extends PostgresIntegrationTest {

	private static final String DEVICES = "/t/default/api/users/v1/me/push-auth/devices";

	@Test
	void registerWhenProfileOffThenNotFoundJson() {
		Answer answer = post(DEVICES, "{\"deviceId\": \"d-1\", \"pushId\": \"x\"}");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.error()).isEqualTo("not_found");
	}

	@Test
	void removeWhenProfileOffAndBodyIsNotJsonThenNotFoundJson() {
		Answer answer = post(DEVICES + "/d-1/remove", "{\"token\":");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.error()).isEqualTo("not_found");
	}

	private Answer post(String path, String json) {
		return new CibaTestClient(url("")).send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

}
