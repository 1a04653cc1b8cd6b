package dev.ciba.server.customer;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Opaque customer identifiers: random, URL-safe, revealing nothing about the customer.
 */
public final class CustomerIds {

	/**
	 * Random bits in a customer id.
	 */
	public static final int ENTROPY_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private CustomerIds() {
	}

	public static String newId() {
		byte[] bytes = new byte[ENTROPY_BITS / 8];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
