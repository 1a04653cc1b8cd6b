package dev.ciba.server.ciba;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BindingMessageValidatorTests {

	private final BindingMessageValidator validator = new BindingMessageValidator();

	@ParameterizedTest
	@ValueSource(strings = { "W4SCT", "Pay 12,50 € to Shop #42", "Überweisung: 100 $ (Miete)", "支付 42 元",
			"Código 7 - não?", "user@example.com 100% ok!", "a/b_c;d:e'f+g&h" })
	void validateWhenMessageFollowsTheRuleThenReturnsIt(String message) {
		assertThat(this.validator.validate(message)).isEqualTo(message);
	}

	@Test
	void validateWhenDecomposedThenReturnsTheNfcForm() {
		String decomposed = "Cafe\u0301 4";

		assertThat(this.validator.validate(decomposed)).isEqualTo("Caf\u00e9 4");
	}

	@Test
	void validateWhenSixtyFourCharactersThenAccepted() {
		assertThat(this.validator.validate("x".repeat(64))).hasSize(64);
	}

	@Test
	void validateWhenSixtyFiveCharactersThenInvalidBindingMessage() {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.validator.validate("x".repeat(65)))
			.satisfies((ex) -> assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_binding_message"));
	}

	@Test
	void validateWhenSixtyFourAstralLettersThenCountedAsCharacters() {
		String gothic = new String(Character.toChars(0x10330));

		assertThat(this.validator.validate(gothic.repeat(64))).hasSize(128);
	}

	@ParameterizedTest
	@ValueSource(strings = { "<script>", "a\nb", "tab\there", "quote\"", "emoji 😀", "back\\slash", "   ", "a=b",
			"\u0000", "ok\u202Eevil" })
	void validateWhenMessageBreaksTheRuleThenInvalidBindingMessage(String message) {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.validator.validate(message))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_binding_message");
				assertThat(ex.getError().getDescription()).doesNotContain(message);
			});
	}

}
