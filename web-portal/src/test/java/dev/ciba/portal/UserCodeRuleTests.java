package dev.ciba.portal;

import dev.ciba.portal.UserCodeRule.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UserCodeRuleTests {

	@ParameterizedTest
	@ValueSource(strings = { "1234", "Ab-9", "correct.horse_battery#staple!", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" })
	void checkWhenPrintableAsciiOfAllowedLengthThenAcceptable(String code) {
		assertThat(UserCodeRule.check(code)).isEqualTo(Verdict.ACCEPTABLE);
		assertThat(UserCodeRule.isAcceptable(code)).isTrue();
	}

	@Test
	void checkWhenLengthIsAtTheLimitsThenAcceptable() {
		assertThat(UserCodeRule.check("a".repeat(4))).isEqualTo(Verdict.ACCEPTABLE);
		assertThat(UserCodeRule.check("a".repeat(32))).isEqualTo(Verdict.ACCEPTABLE);
	}

	@Test
	void checkWhenShorterThanFourCharactersThenTooShort() {
		assertThat(UserCodeRule.check("123")).isEqualTo(Verdict.TOO_SHORT);
		assertThat(UserCodeRule.check("")).isEqualTo(Verdict.TOO_SHORT);
		assertThat(UserCodeRule.check(null)).isEqualTo(Verdict.TOO_SHORT);
	}

	@Test
	void checkWhenLongerThanThirtyTwoCharactersThenTooLong() {
		assertThat(UserCodeRule.check("a".repeat(33))).isEqualTo(Verdict.TOO_LONG);
		assertThat(UserCodeRule.isAcceptable("a".repeat(10_000))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "12 34", " 1234", "1234\t", "12\u000034", "pässword", "1234\u200b",
			"\u0661\u0662\u0663\u0664", "12\n34", "1234\u007f" })
	void checkWhenSpaceControlOrNonAsciiCharacterThenForbiddenCharacter(String code) {
		assertThat(UserCodeRule.check(code)).isEqualTo(Verdict.FORBIDDEN_CHARACTER);
	}

}
