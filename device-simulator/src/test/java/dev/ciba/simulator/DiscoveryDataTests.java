package dev.ciba.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DiscoveryDataTests {

	@Test
	void parseWhenJsonOfToJsonThenEqual() {
		DiscoveryData data = TestPhones.discoveryData("http://localhost:8080");

		assertThat(DiscoveryData.parse(data.toJson())).isEqualTo(data);
	}

	@Test
	void toJsonWhenCalledThenExactlyTheProtocolMembers() {
		DiscoveryData data = new DiscoveryData("d-1", "alice", "http://localhost:8080", "acme", "c-1");

		assertThat(data.toJson()).isEqualTo("{\"deviceId\":\"d-1\",\"username\":\"alice\","
				+ "\"host\":\"http://localhost:8080\",\"tenantDomain\":\"acme\",\"challenge\":\"c-1\"}");
	}

	@Test
	void parseWhenUnknownMembersAndNoUsernameThenIgnoredAndNull() {
		String json = "{\"deviceId\":\"d-1\",\"host\":\"https://id.example/\",\"tenantDomain\":\"acme\","
				+ "\"challenge\":\"c-1\",\"organizationId\":\"o-1\",\"extra\":{\"a\":1}}";

		DiscoveryData data = DiscoveryData.parse(json);

		assertThat(data).isEqualTo(new DiscoveryData("d-1", null, "https://id.example", "acme", "c-1"));
	}

	@Test
	void parseWhenChallengeMissingThenIllegalArgumentNamingIt() {
		String json = "{\"deviceId\":\"d-1\",\"host\":\"http://localhost\",\"tenantDomain\":\"acme\"}";

		assertThatIllegalArgumentException().isThrownBy(() -> DiscoveryData.parse(json))
			.withMessage("the discovery data lacks \"challenge\"");
	}

	@Test
	void parseWhenHostIsNotHttpThenIllegalArgument() {
		String json = "{\"deviceId\":\"d-1\",\"host\":\"file:///etc\",\"tenantDomain\":\"acme\",\"challenge\":\"c\"}";

		assertThatIllegalArgumentException().isThrownBy(() -> DiscoveryData.parse(json))
			.withMessage("the host in the discovery data must be an http or https URL");
	}

	@Test
	void parseWhenNotJsonThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> DiscoveryData.parse("deviceId=d-1"))
			.withMessage("the discovery data is not valid JSON");
		assertThatIllegalArgumentException().isThrownBy(() -> DiscoveryData.parse("[1]"))
			.withMessage("the discovery data is not a JSON object");
	}

}
