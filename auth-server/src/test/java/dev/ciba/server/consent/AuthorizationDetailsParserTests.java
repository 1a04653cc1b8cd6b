package dev.ciba.server.consent;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AuthorizationDetailsParserTests {

	static final String PAYMENT = """
			[ {"type": "payment_initiation", "locations": ["https://example.com/payments"],
			   "instructedAmount": {"currency": "EUR", "amount": "123.50"},
			   "creditorName": "Merchant A",
			   "creditorAccount": {"iban": "DE02100100109307118603"},
			   "remittanceInformationUnstructured": "Ref Number Merchant"} ]""";

	@Test
	void parseWhenTheRfcPaymentExampleThenCompactJsonAndItsType() {
		AuthorizationDetails details = AuthorizationDetailsParser.parse(PAYMENT);

		assertThat(details.json()).isEqualTo("[{\"type\":\"payment_initiation\",\"locations\":"
				+ "[\"https://example.com/payments\"],\"instructedAmount\":{\"currency\":\"EUR\",\"amount\":\"123.50\"},"
				+ "\"creditorName\":\"Merchant A\",\"creditorAccount\":{\"iban\":\"DE02100100109307118603\"},"
				+ "\"remittanceInformationUnstructured\":\"Ref Number Merchant\"}]");
		assertThat(details.types()).containsExactly("payment_initiation");
		assertThat(details.entries()).hasSize(1);
		assertThat(details.toString()).doesNotContain("Merchant");
	}

	@Test
	void parseWhenAbsentThenNull() {
		assertThat(AuthorizationDetailsParser.parse(null)).isNull();
		assertThat(AuthorizationDetailsParser.fromClaim(null)).isNull();
	}

	@Test
	void parseWhenDecimalNumbersThenKeptAsSent() {
		AuthorizationDetails details = AuthorizationDetailsParser
			.parse("[{\"type\":\"t\",\"amount\":123.50,\"count\":3,\"big\":12345678901234}]");

		assertThat(details.json()).isEqualTo("[{\"type\":\"t\",\"amount\":123.50,\"count\":3,\"big\":12345678901234}]");
	}

	@Test
	void parseWhenMalformedThenInvalidNamingTheRuleWithoutEchoingTheValue() {
		assertInvalid("not json at all", "The authorization_details parameter is not valid JSON");
		assertInvalid("[{\"type\":\"a\"}] []", "The authorization_details parameter is not valid JSON");
		assertInvalid("[{\"type\":\"a\",\"type\":\"b\"}]", "The authorization_details parameter is not valid JSON");
		assertInvalid("{\"type\":\"payment_initiation\"}", "The authorization_details must be a JSON array of objects");
		assertInvalid("\"payment_initiation\"", "The authorization_details must be a JSON array of objects");
		assertInvalid("[]", "The authorization_details must hold at least one object");
		assertInvalid("[\"payment_initiation\"]", "Each element of the authorization_details must be a JSON object");
		assertInvalid("[{\"amount\":\"5\"}]", "Each object of the authorization_details needs a type string");
		assertInvalid("[{\"type\":5}]", "Each object of the authorization_details needs a type string");
		assertInvalid("[{\"type\":\" \"}]", "Each object of the authorization_details needs a type string");
		assertInvalid("[{\"type\":\"a\\u202eb\"}]",
				"A type of the authorization_details has more than 100 characters or control characters");
		assertInvalid("[{\"type\":\"" + "t".repeat(101) + "\"}]",
				"A type of the authorization_details has more than 100 characters or control characters");
	}

	@Test
	void parseWhenCommonFieldsOfTheWrongTypeThenInvalid() {
		assertInvalid("[{\"type\":\"a\",\"locations\":\"https://x\"}]",
				"The locations of the authorization_details must be an array of strings");
		assertInvalid("[{\"type\":\"a\",\"actions\":[\"read\",1]}]",
				"The actions of the authorization_details must be an array of strings");
		assertInvalid("[{\"type\":\"a\",\"identifier\":7}]",
				"The identifier of the authorization_details must be a string");
	}

	@Test
	void parseWhenBeyondTheBoundsThenInvalid() {
		String eleven = "[" + String.join(",", java.util.Collections.nCopies(11, "{\"type\":\"a\"}")) + "]";
		assertInvalid(eleven, "The authorization_details may hold at most 10 objects");
		assertInvalid("[{\"type\":\"a\",\"x\":\"" + "y".repeat(4100) + "\"}]",
				"The authorization_details parameter is longer than 4096 characters");
		assertInvalid("[{\"type\":\"a\",\"b\":{\"c\":{\"d\":{\"e\":{\"f\":[1]}}}}}]",
				"The authorization_details are nested deeper than 6 levels");
	}

	@Test
	void parseWhenNestedToTheLimitThenAccepted() {
		AuthorizationDetails details = AuthorizationDetailsParser
			.parse("[{\"type\":\"a\",\"b\":{\"c\":{\"d\":{\"e\":[1]}}}}]");

		assertThat(details.types()).containsExactly("a");
	}

	@Test
	void fromClaimWhenAJsonArrayThenTheSameAsTheParameter() {
		Object claim = List
			.of(Map.of("type", "payment_initiation", "instructedAmount", Map.of("currency", "EUR", "amount", "5.00")));

		AuthorizationDetails details = AuthorizationDetailsParser.fromClaim(claim);

		assertThat(details.types()).containsExactly("payment_initiation");
		assertThat(details.entries().get(0).get("instructedAmount").get("amount").stringValue()).isEqualTo("5.00");
	}

	@Test
	void parseWhenANumberNoDoubleHoldsThenInvalid() {
		String range = "A number of the authorization_details is out of the range every JSON reader keeps exactly";
		assertInvalid("[{\"type\":\"a\",\"x\":1e999999}]", range);
		assertInvalid("[{\"type\":\"a\",\"x\":1e400}]", range);
		assertInvalid("[{\"type\":\"a\",\"x\":-1e400}]", range);
		assertInvalid("[{\"type\":\"a\",\"x\":1e-999999}]", range);
		assertInvalid("[{\"type\":\"a\",\"x\":9007199254740992}]", range);
		assertInvalid("[{\"type\":\"a\",\"x\":[{\"y\":123456789012345678901234567890}]}]", range);
	}

	@Test
	void parseWhenNumbersWithinWhatADoubleHoldsThenAccepted() {
		String json = "[{\"type\":\"a\",\"max\":9007199254740991,\"min\":-9007199254740991,\"small\":1e-300,"
				+ "\"zero\":0.0,\"e\":1.5e3}]";

		assertThat(AuthorizationDetailsParser.parse(json).entries()).hasSize(1);
	}

	@Test
	void parseWhenATextHasAnUnpairedSurrogateThenInvalid() {
		String unpaired = "A text of the authorization_details has an unpaired surrogate";
		assertInvalid("[{\"type\":\"a\\ud800\"}]", unpaired);
		assertInvalid("[{\"type\":\"a\",\"note\":\"\\udc00x\"}]", unpaired);
		assertInvalid("[{\"type\":\"a\",\"\\ud800\":\"x\"}]", unpaired);
		assertThat(AuthorizationDetailsParser.parse("[{\"type\":\"a\",\"note\":\"\\ud83d\\ude00\"}]").entries())
			.hasSize(1);
	}

	@Test
	void fromClaimWhenAStringThenInvalid() {
		assertThatExceptionOfType(InvalidAuthorizationDetailsException.class)
			.isThrownBy(() -> AuthorizationDetailsParser.fromClaim("[{\"type\":\"a\"}]"))
			.withMessage("The authorization_details claim must be a JSON array");
	}

	private static void assertInvalid(String text, String description) {
		assertThatExceptionOfType(InvalidAuthorizationDetailsException.class)
			.isThrownBy(() -> AuthorizationDetailsParser.parse(text))
			.withMessage(description);
	}

}
