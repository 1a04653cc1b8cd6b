package dev.ciba.push.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The number of a request with number matching: the client shows it next to the binding
 * message, and the phone offers it among decoys, so that only a customer who sees the
 * client's screen picks it. The choices are drawn once and stored with the push
 * authentication: drawing new decoys for every push or pull would give the number away as
 * the one every list has in common.
 *
 * @param number the number, two digits from 10 to 99
 * @param choices {@value #CHOICES} distinct two-digit numbers, the number among them, in
 * random order
 */
record NumberChallenge(String number, List<String> choices) {

	/** How many numbers the phone offers. */
	static final int CHOICES = 3;

	private static final int LOWEST = 10;

	private static final int HIGHEST = 99;

	private static final SecureRandom RANDOM = new SecureRandom();

	NumberChallenge {
		choices = List.copyOf(choices);
	}

	/**
	 * Draws a number and its decoys from a secure random source.
	 */
	static NumberChallenge draw() {
		return draw(RANDOM);
	}

	static NumberChallenge draw(SecureRandom random) {
		String number = twoDigits(random);
		Set<String> choices = new LinkedHashSet<>();
		choices.add(number);
		while (choices.size() < CHOICES) {
			choices.add(twoDigits(random));
		}
		List<String> shuffled = new ArrayList<>(choices);
		Collections.shuffle(shuffled, random);
		return new NumberChallenge(number, shuffled);
	}

	/**
	 * The choices as the push data carries them: comma separated, no spaces.
	 */
	String choicesText() {
		return String.join(",", this.choices);
	}

	/**
	 * Whether a device's answer names the number, compared in constant time.
	 */
	static boolean matches(String number, @Nullable String answered) {
		if (answered == null) {
			return false;
		}
		return MessageDigest.isEqual(number.getBytes(StandardCharsets.UTF_8),
				answered.getBytes(StandardCharsets.UTF_8));
	}

	private static String twoDigits(SecureRandom random) {
		return Integer.toString(LOWEST + random.nextInt(HIGHEST - LOWEST + 1));
	}

	/**
	 * Leaves out the number.
	 */
	@Override
	public String toString() {
		return "NumberChallenge[hidden]";
	}

}
