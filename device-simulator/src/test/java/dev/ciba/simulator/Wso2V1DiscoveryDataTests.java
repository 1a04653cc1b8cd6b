package dev.ciba.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Wso2V1DiscoveryDataTests {

	@Test
	void parseWhenServerJsonThenEveryFieldAndTrailingSlashDropped() {
		String json = """
				{"did":"d-1","un":"alice","fn":"Alice","td":"acme","hst":"https://id.example/","bp":"/t/acme/api/users/v1/me",
				 "re":"/push-auth/devices","ae":"/t/acme/push-auth/authenticate","rde":"/push-auth/devices/remove",
				 "chg":"c-1"}
				""";

		Wso2V1DiscoveryData data = Wso2V1DiscoveryData.parse(json);

		assertThat(data).isEqualTo(new Wso2V1DiscoveryData("d-1", "alice", "acme", "https://id.example",
				"/t/acme/api/users/v1/me", "/push-auth/devices", "/t/acme/push-auth/authenticate", "c-1"));
	}

	@Test
	void parseWhenReAbsentThenTheWso2RegistrationPath() {
		String json = """
				{"did":"d-1","td":"acme","hst":"http://localhost:8080","bp":"/t/acme/api/users/v1/me",
				 "ae":"/t/acme/push-auth/authenticate","chg":"c-1"}
				""";

		Wso2V1DiscoveryData data = Wso2V1DiscoveryData.parse(json);

		assertThat(data.re()).isEqualTo("/push-auth/devices");
		assertThat(data.un()).isNull();
	}

	@Test
	void parseWhenTdMissingThenIllegalArgumentNamingIt() {
		String json = """
				{"did":"d-1","hst":"http://localhost:8080","bp":"/bp","ae":"/ae","chg":"c-1"}
				""";

		assertThatIllegalArgumentException().isThrownBy(() -> Wso2V1DiscoveryData.parse(json))
			.withMessage("the generation-1 discovery data lacks \"td\"");
	}

	@Test
	void parseWhenGenerationTwoJsonThenIllegalArgumentNamingDid() {
		String json = TestPhones.discoveryData("http://localhost:8080").toJson();

		assertThatIllegalArgumentException().isThrownBy(() -> Wso2V1DiscoveryData.parse(json))
			.withMessage("the generation-1 discovery data lacks \"did\"");
	}

	@Test
	void constructorWhenPathIsRelativeThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Wso2V1DiscoveryData("d-1", null, "acme", "http://h", "t/acme", "/re", "/ae", "c-1"))
			.withMessage("\"bp\" in the generation-1 discovery data must start with /");
	}

	@Test
	void toJsonWhenParsedBackThenEqual() {
		Wso2V1DiscoveryData data = TestPhones.wso2V1DiscoveryData("http://localhost:8080");

		assertThat(Wso2V1DiscoveryData.parse(data.toJson())).isEqualTo(data);
	}

}
