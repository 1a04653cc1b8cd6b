package dev.ciba.server.ciba;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * Token hash claims such as {@code at_hash} and
 * {@code urn:openid:params:jwt:claim:rt_hash} (OpenID Connect Core §3.1.3.6, CIBA Core
 * §10.3.1): the left half of the hash of the token's ASCII octets, base64url without
 * padding, with the hash function of the ID token's JWS algorithm.
 */
public final class TokenHashes {

	private static final Set<String> SIGNATURE_FAMILIES = Set.of("RS", "PS", "ES", "HS");

	private TokenHashes() {
	}

	/**
	 * The hash claim of a token for an ID token signed with {@code jwsAlgorithm}.
	 * @param jwsAlgorithm the JWS {@code alg} of the ID token, such as {@code RS256}
	 * @param token the token value
	 * @throws IllegalArgumentException for an algorithm without a SHA-2 hash
	 */
	public static String leftHalfHash(String jwsAlgorithm, String token) {
		byte[] digest = digest(hashAlgorithm(jwsAlgorithm), token.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
	}

	// The JWS algorithms RS, PS, ES and HS with 256, 384 or 512 name their SHA-2 hash by
	// that number (RFC 7518 §3.1).
	private static String hashAlgorithm(String jwsAlgorithm) {
		if (jwsAlgorithm.length() == 5 && SIGNATURE_FAMILIES.contains(jwsAlgorithm.substring(0, 2))) {
			switch (jwsAlgorithm.substring(2)) {
				case "256":
					return "SHA-256";
				case "384":
					return "SHA-384";
				case "512":
					return "SHA-512";
				default:
					break;
			}
		}
		throw new IllegalArgumentException("No token hash is defined for the JWS algorithm " + jwsAlgorithm);
	}

	private static byte[] digest(String algorithm, byte[] value) {
		try {
			return MessageDigest.getInstance(algorithm).digest(value);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(algorithm + " is required by every Java platform", ex);
		}
	}

}
