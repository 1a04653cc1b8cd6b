package dev.ciba.push.auth;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NumberChallengeTest {

	@Test
	void drawWhenManyDrawsThenTwoDigitsThreeDistinctChoicesAndTheNumberAtEveryPosition()
			throws NoSuchAlgorithmException {
		SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
		random.setSeed(42L);
		Set<Integer> positions = new HashSet<>();
		Set<String> numbers = new HashSet<>();

		for (int i = 0; i < 500; i++) {
			NumberChallenge drawn = NumberChallenge.draw(random);

			assertThat(drawn.number()).matches("[1-9][0-9]");
			assertThat(drawn.choices()).hasSize(3).doesNotHaveDuplicates().contains(drawn.number());
			assertThat(drawn.choices()).allSatisfy((choice) -> assertThat(choice).matches("[1-9][0-9]"));
			positions.add(drawn.choices().indexOf(drawn.number()));
			numbers.add(drawn.number());
		}

		assertThat(positions).containsExactlyInAnyOrder(0, 1, 2);
		assertThat(numbers).contains("10", "99").hasSizeGreaterThan(80);
	}

	@Test
	void choicesTextWhenDrawnThenCommaSeparatedWithoutSpaces() {
		NumberChallenge challenge = new NumberChallenge("42", java.util.List.of("17", "42", "86"));

		assertThat(challenge.choicesText()).isEqualTo("17,42,86");
	}

	@Test
	void matchesWhenSameNumberThenTrueOtherwiseFalse() {
		assertThat(NumberChallenge.matches("42", "42")).isTrue();
		assertThat(NumberChallenge.matches("42", "24")).isFalse();
		assertThat(NumberChallenge.matches("42", "042")).isFalse();
		assertThat(NumberChallenge.matches("42", "")).isFalse();
		assertThat(NumberChallenge.matches("42", null)).isFalse();
	}

	@Test
	void toStringWhenDrawnThenHidesTheNumber() {
		NumberChallenge challenge = new NumberChallenge("42", java.util.List.of("17", "42", "86"));

		assertThat(challenge.toString()).doesNotContain("42").doesNotContain("17");
	}

}
