package dev.ciba.server.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * SHA-256 for client secrets that the server generated with at least 256 bits of entropy.
 * <p>
 * A fast hash is safe for such secrets: guessing one is as hard as breaking the hash.
 * Client authentication sits on the hot path of CIBA polling, where a slow password hash
 * would cost tens of milliseconds per poll. Human passwords never go through this
 * encoder.
 */
public final class Sha256PasswordEncoder implements PasswordEncoder {

	/**
	 * The id under which this encoder is registered in the delegating encoder.
	 */
	public static final String ID = "sha256";

	@Override
	public String encode(CharSequence rawPassword) {
		return HexFormat.of().formatHex(digest(rawPassword));
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		byte[] expected;
		try {
			expected = HexFormat.of().parseHex(encodedPassword);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(expected, digest(rawPassword));
	}

	private static byte[] digest(CharSequence value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

}
