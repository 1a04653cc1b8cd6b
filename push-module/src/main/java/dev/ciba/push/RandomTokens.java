package dev.ciba.push;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random identifiers and challenges: URL-safe base64 of bytes from a secure random
 * source.
 */
public final class RandomTokens {

	/**
	 * Bytes in a challenge or a push authentication id: 256 bits, 43 characters.
	 */
	public static final int TOKEN_BYTES = 32;

	private static final SecureRandom RANDOM = new SecureRandom();

	private RandomTokens() {
	}

	/**
	 * A new random URL-safe string of {@link #TOKEN_BYTES} bytes.
	 */
	public static String next() {
		byte[] bytes = new byte[TOKEN_BYTES];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
