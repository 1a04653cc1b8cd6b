package dev.ciba.server.consent;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AuthorizationDetailsRendererTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void renderWhenTheRfcPaymentThenAmountCurrencyCreditorAndLines() {
		AuthorizationDetailsRenderer.Rendered rendered = render(AuthorizationDetailsParserTests.PAYMENT);

		assertThat(rendered.json()).isEqualTo("[{\"type\":\"payment_initiation\","
				+ "\"summary\":\"Payment of 123.50 EUR to Merchant A\",\"amount\":\"123.50\",\"currency\":\"EUR\","
				+ "\"creditor\":\"Merchant A\",\"lines\":[\"Amount: 123.50 EUR\",\"Creditor: Merchant A\","
				+ "\"Creditor account: DE02100100109307118603\",\"Reference: Ref Number Merchant\"]}]");
		assertThat(rendered.summary()).isEqualTo("Payment of 123.50 EUR to Merchant A");
		assertThat(rendered.toString()).doesNotContain("Merchant");
	}

	@Test
	void renderWhenAPaymentWithANumberAmountAndNoCreditorThenWhatThereIs() {
		AuthorizationDetailsRenderer.Rendered rendered = render(
				"[{\"type\":\"payment_initiation\",\"instructedAmount\":{\"amount\":10.50}}]");

		JsonNode shown = JSON.readTree(rendered.json()).get(0);
		assertThat(shown.get("summary").stringValue()).isEqualTo("Payment of 10.50");
		assertThat(shown.has("currency")).isFalse();
		assertThat(shown.has("creditor")).isFalse();
		assertThat(lines(shown)).containsExactly("Amount: 10.50");
	}

	@Test
	void renderWhenAnotherTypeThenFlattenedLinesAndNoSummary() {
		AuthorizationDetailsRenderer.Rendered rendered = render("""
				[{"type":"account_information","actions":["list_accounts","read_balances"],
				  "locations":["https://example.com/accounts"],"limits":{"daily":{"max":3}},
				  "accounts":[{"iban":"X"},{"iban":"Y"}]}]""");

		JsonNode shown = JSON.readTree(rendered.json()).get(0);
		assertThat(shown.get("type").stringValue()).isEqualTo("account_information");
		assertThat(shown.has("summary")).isFalse();
		assertThat(lines(shown)).containsExactly("actions: list_accounts, read_balances",
				"locations: https://example.com/accounts", "limits.daily.max: 3", "accounts: 2 entries");
		assertThat(rendered.summary()).isNull();
	}

	@Test
	void renderWhenManyMembersThenFourLinesPerObjectTheLastCountingTheRest() {
		AuthorizationDetailsRenderer.Rendered rendered = render(
				"[{\"type\":\"t\",\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6}]");

		assertThat(lines(JSON.readTree(rendered.json()).get(0))).containsExactly("a: 1", "b: 2", "c: 3",
				"… and 3 more");
	}

	@Test
	void renderWhenManyObjectsThenTwelveLinesInAllAndTheRestByTypeOnly() {
		String entry = "{\"type\":\"t\",\"a\":1,\"b\":2,\"c\":3,\"d\":4}";
		AuthorizationDetailsRenderer.Rendered rendered = render(
				"[" + String.join(",", java.util.Collections.nCopies(5, entry)) + "]");

		JsonNode shown = JSON.readTree(rendered.json());
		assertThat(shown).hasSize(5);
		assertThat(lines(shown.get(2))).hasSize(4);
		assertThat(lines(shown.get(3))).isEmpty();
		assertThat(lines(shown.get(4))).isEmpty();
		assertThat(shown.get(4).get("type").stringValue()).isEqualTo("t");
	}

	@Test
	void renderWhenLongOrDisguisingTextThenCutAndReplaced() {
		AuthorizationDetailsRenderer.Rendered rendered = render("[{\"type\":\"payment_initiation\","
				+ "\"creditorName\":\"Shop\\u202e001\",\"remittanceInformationUnstructured\":\"" + "r".repeat(100)
				+ "\"}]");

		JsonNode shown = JSON.readTree(rendered.json()).get(0);
		assertThat(shown.get("creditor").stringValue()).isEqualTo("Shop\uFFFD001");
		assertThat(lines(shown).get(1)).hasSize(AuthorizationDetailsRenderer.MAX_LINE_LENGTH).endsWith("…");
	}

	@Test
	void renderWhenLineOrParagraphSeparatorsThenReplacedSoEachLineStaysOne() {
		AuthorizationDetailsRenderer.Rendered rendered = render(
				"[{\"type\":\"payment_initiation\"," + "\"creditorName\":\"Shop\\u2028Pay 1 EUR\\u2029x\"}]");

		JsonNode shown = JSON.readTree(rendered.json()).get(0);
		assertThat(shown.get("creditor").stringValue()).isEqualTo("Shop\uFFFDPay 1 EUR\uFFFDx");
	}

	@Test
	void renderWhenTwoPaymentsThenTheSummaryIsTheFirst() {
		AuthorizationDetailsRenderer.Rendered rendered = render("""
				[{"type":"payment_initiation","creditorName":"First"},
				 {"type":"payment_initiation","creditorName":"Second"}]""");

		assertThat(rendered.summary()).isEqualTo("Payment to First");
	}

	private static AuthorizationDetailsRenderer.Rendered render(String json) {
		return AuthorizationDetailsRenderer.render(AuthorizationDetailsParser.parse(json));
	}

	private static List<String> lines(JsonNode shown) {
		return shown.get("lines").valueStream().map(JsonNode::stringValue).toList();
	}

}
