package dev.ciba.server.ciba;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The {@code auth_req_id}: a bearer-like identifier that only the client holds. The
 * server keeps only its hash.
 *
 * @param value the identifier as the client sees it
 */
public record AuthReqId(String value) {

	/**
	 * Random bits in an {@code auth_req_id}; CIBA Core §7.3 asks for at least 128, the
	 * design for at least 160.
	 */
	public static final int ENTROPY_BITS = 256;

	/**
	 * Longest value accepted at the token endpoint; anything longer cannot be ours.
	 */
	public static final int MAX_LENGTH = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * A new random identifier, base64url without padding.
	 */
	public static AuthReqId generate() {
		byte[] bytes = new byte[ENTROPY_BITS / 8];
		RANDOM.nextBytes(bytes);
		return new AuthReqId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	/**
	 * The stored form: SHA-256 of the value, in lower-case hex.
	 */
	public String hash() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(this.value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	@Override
	public String toString() {
		return "AuthReqId[hidden]";
	}

}
