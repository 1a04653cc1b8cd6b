package dev.ciba.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PendingRequestTests {

	@Test
	void parseListWhenFullEntryThenEveryField() {
		String json = """
				{"pending":[{"pushId":"p-1","challenge":"c-1","deviceId":"d-1","username":"alice",
				"tenantDomain":"acme","relativePath":"/t/acme","applicationName":"Demo Bank",
				"notificationScenario":"AUTHENTICATION","ipAddress":"192.0.2.10","bindingMessage":"KX-42",
				"scope":"openid payments","requestTime":"2026-05-01T09:59:55Z","expiresAt":"2026-05-01T10:01:55Z"}]}
				""";

		List<PendingRequest> requests = PendingRequest.parseList(json);

		assertThat(requests).containsExactly(new PendingRequest("p-1", "c-1", "d-1", "alice", "acme", "/t/acme",
				"Demo Bank", "AUTHENTICATION", "192.0.2.10", "KX-42", "openid payments",
				Instant.parse("2026-05-01T09:59:55Z"), Instant.parse("2026-05-01T10:01:55Z")));
	}

	@Test
	void parseListWhenNumberChallengeThenKeptAndSplitIntoChoices() {
		String json = """
				{"pending":[{"pushId":"p-1","challenge":"c-1","numberChallenge":"17, 42,,93"}]}
				""";

		PendingRequest request = PendingRequest.parseList(json).get(0);

		assertThat(request.numberChoices()).containsExactly("17", "42", "93");
		assertThat(TestPhones.pendingRequest("p-2", "/t/acme").numberChoices()).isEmpty();
	}

	@Test
	void parseListWhenScopeDescriptionsDetailsAndChoicesThenReadFromTheirJsonText() {
		String json = """
				{"pending":[{"pushId":"p-1","challenge":"c-1",
				"scopeDescriptions":"{\\"openid\\":\\"Confirm who you are\\",\\"payments\\":\\"Pay\\"}",
				"authorizationDetails":"[{\\"type\\":\\"payment_initiation\\",\\"summary\\":\\"Payment of 5 EUR\\",\
				\\"amount\\":\\"5\\",\\"lines\\":[\\"Amount: 5 EUR\\"]},{\\"lines\\":[]},7]",
				"numberChallenge":"17, 42,86"}]}
				""";

		PendingRequest request = PendingRequest.parseList(json).get(0);

		assertThat(request.scopeDescriptions()).containsExactly(Map.entry("openid", "Confirm who you are"),
				Map.entry("payments", "Pay"));
		assertThat(request.authorizationDetails()).containsExactly(
				new ShownAuthorizationDetail("payment_initiation", "Payment of 5 EUR", List.of("Amount: 5 EUR")));
		assertThat(request.numberChoices()).containsExactly("17", "42", "86");
		assertThat(request.needsNumber()).isTrue();
	}

	@Test
	void parseListWhenTheJsonTextFieldsAreMalformedThenLeftEmpty() {
		String json = """
				{"pending":[{"pushId":"p-1","challenge":"c-1","scopeDescriptions":"{not json",
				"authorizationDetails":"{\\"type\\":\\"a\\"}","numberChallenge":""}]}
				""";

		PendingRequest request = PendingRequest.parseList(json).get(0);

		assertThat(request.scopeDescriptions()).isEmpty();
		assertThat(request.authorizationDetails()).isEmpty();
		assertThat(request.needsNumber()).isFalse();
	}

	@Test
	void parseListWhenOptionalFieldsAbsentOrOddThenNullAndUnknownIgnored() {
		String json = """
				{"pending":[{"pushId":"p-1","challenge":"c-1","requestTime":"yesterday","numberChallenge":"42",
				"metadata":{"x":1}}],"next":null}
				""";

		List<PendingRequest> requests = PendingRequest.parseList(json);

		assertThat(requests).containsExactly(new PendingRequest("p-1", "c-1", null, null, null, null, null, null, null,
				null, null, null, null, Map.of(), List.of(), List.of("42")));
	}

	@Test
	void parseListWhenEmptyThenEmpty() {
		assertThat(PendingRequest.parseList("{\"pending\":[]}")).isEmpty();
	}

	@Test
	void parseListWhenEntryLacksPushIdThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PendingRequest.parseList("{\"pending\":[{\"challenge\":\"c-1\"}]}"))
			.withMessage("a pending request lacks \"pushId\"");
	}

	@Test
	void parseListWhenNoPendingArrayThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> PendingRequest.parseList("{\"requests\":[]}"))
			.withMessage("the pending list lacks the \"pending\" array");
	}

	@Test
	void parseWso2V1ListWhenGenerationOneEntryThenMappedOntoTheSameFields() {
		String json = """
				{"pending":[{"deviceId":"d-1","body":"alice is requesting to sign in to Demo Bank","challenge":"c-1",
				"sessionDataKey":"p-1","username":"alice","displayName":"alice","organization":"acme",
				"applicationName":"Demo Bank","ipAddress":"192.0.2.10","deviceName":"","browserName":"",
				"metadata":"{\\"binding_message\\":\\"KX-42\\",\\"scope\\":\\"openid payments\\"}",
				"expiresAt":"2026-05-01T10:01:55Z"}]}
				""";

		List<PendingRequest> requests = PendingRequest.parseWso2V1List(json);

		assertThat(requests).containsExactly(new PendingRequest("p-1", "c-1", "d-1", "alice", "acme", null, "Demo Bank",
				null, "192.0.2.10", "KX-42", "openid payments", null, Instant.parse("2026-05-01T10:01:55Z")));
	}

	@Test
	void parseWso2V1ListWhenMetadataIsNotJsonThenNoBindingMessage() {
		String json = """
				{"pending":[{"sessionDataKey":"p-1","challenge":"c-1","metadata":"null"}]}
				""";

		assertThat(PendingRequest.parseWso2V1List(json)).singleElement()
			.satisfies((request) -> assertThat(request.bindingMessage()).isNull());
	}

	@Test
	void parseWso2V1ListWhenSessionDataKeyMissingThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PendingRequest.parseWso2V1List("{\"pending\":[{\"challenge\":\"c-1\"}]}"))
			.withMessage("a pending request lacks \"sessionDataKey\"");
	}

}
