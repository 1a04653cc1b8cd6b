package dev.ciba.server.consent;

import java.util.List;
import java.util.Map;

import dev.ciba.push.api.PushAuthStart.Display;
import dev.ciba.push.api.PushAuthStart.NumberMatching;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.config.CibaProperties;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConsentPromptsTests {

	@Test
	void displayWhenKnownAndUnknownScopesThenDefaultsConfiguredWordsAndNamesInRequestOrder() {
		CibaProperties properties = new CibaProperties();
		properties.getScopes().getDescriptions().put("payments", "Make payments from your accounts");
		properties.getScopes().getDescriptions().put("email", "Read your e-mail address");

		Display display = new ConsentPrompts(properties)
			.display(List.of("openid", "payments", "email", "offline_access", "unknown"), null);

		assertThat(display.scopeDescriptions()).containsExactly(Map.entry("openid", "Confirm who you are"),
				Map.entry("payments", "Make payments from your accounts"),
				Map.entry("email", "Read your e-mail address"),
				Map.entry("offline_access", "Keep access while you are away, until you withdraw it"),
				Map.entry("unknown", "unknown"));
		assertThat(display.authorizationDetails()).isNull();
		assertThat(display.summary()).isNull();
	}

	@Test
	void displayWhenAuthorizationDetailsThenRenderedWithTheSummary() {
		Display display = new ConsentPrompts(new CibaProperties()).display(List.of("openid"),
				AuthorizationDetailsParser.parse(AuthorizationDetailsParserTests.PAYMENT));

		assertThat(display.authorizationDetails()).startsWith("[{\"type\":\"payment_initiation\"");
		assertThat(display.summary()).isEqualTo("Payment of 123.50 EUR to Merchant A");
	}

	@Test
	void displayWhenVeryManyScopesThenTheDescriptionsStayWithinTheirBound() {
		List<String> scopes = java.util.stream.IntStream.range(0, 400).mapToObj((i) -> "scope-" + i).toList();

		Display display = new ConsentPrompts(new CibaProperties()).display(scopes, null);

		assertThat(display.scopeDescriptions()).isNotEmpty().hasSizeLessThan(400);
		assertThat(display.scopeDescriptions().keySet()).containsSequence("scope-0", "scope-1");
	}

	@Test
	void constructWhenADescriptionIsBlankOrHasControlCharactersThenStartUpFails() {
		CibaProperties blank = new CibaProperties();
		blank.getScopes().getDescriptions().put("payments", " ");
		CibaProperties control = new CibaProperties();
		control.getScopes().getDescriptions().put("payments", "Pay\u202e");

		assertThatIllegalStateException().isThrownBy(() -> new ConsentPrompts(blank))
			.withMessage("ciba.scopes.descriptions.payments must have 1 to 200 characters without control or "
					+ "formatting characters");
		assertThatIllegalStateException().isThrownBy(() -> new ConsentPrompts(control));
	}

	@Test
	void numberMatchingWhenGloballyOffThenOnlyForClientsThatRequireIt() {
		ConsentPrompts prompts = new ConsentPrompts(new CibaProperties());

		assertThat(prompts.numberMatching(client(false))).isNull();
		assertThat(prompts.numberMatching(client(true))).isEqualTo(new NumberMatching(1));
	}

	@Test
	void numberMatchingWhenGloballyOnThenForEveryClientWithTheConfiguredTries() {
		CibaProperties properties = new CibaProperties();
		properties.getPush().getNumberMatching().setEnabled(true);
		properties.getPush().getNumberMatching().setMaxWrongAnswers(2);

		ConsentPrompts prompts = new ConsentPrompts(properties);

		assertThat(prompts.numberMatching(client(false))).isEqualTo(new NumberMatching(2));
	}

	@Test
	void constructWhenNoWrongAnswerIsAllowedThenStartUpFails() {
		CibaProperties properties = new CibaProperties();
		properties.getPush().getNumberMatching().setMaxWrongAnswers(0);

		assertThatIllegalStateException().isThrownBy(() -> new ConsentPrompts(properties))
			.withMessage("ciba.push.number-matching.max-wrong-answers must be at least 1");
	}

	private static RegisteredClient client(boolean numberMatchingRequired) {
		ClientSettings.Builder settings = ClientSettings.builder();
		if (numberMatchingRequired) {
			settings.setting(CibaClientSettings.NUMBER_MATCHING_REQUIRED, true);
		}
		return RegisteredClient.withId("id")
			.clientId("client")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(new AuthorizationGrantType("urn:openid:params:grant-type:ciba"))
			.clientSettings(settings.build())
			.build();
	}

}
