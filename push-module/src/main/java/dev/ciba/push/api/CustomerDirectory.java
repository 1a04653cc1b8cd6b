package dev.ciba.push.api;

import java.util.Optional;

/**
 * Port to the server's customers, implemented by the server.
 */
public interface CustomerDirectory {

	/**
	 * Finds a customer by its opaque id (the principal name of a portal session and the
	 * {@code sub} of tokens).
	 */
	Optional<CustomerRef> findById(String customerId);

	/**
	 * The few facts of a customer that the device channel shows or checks.
	 */
	record CustomerRef(String id, String username, boolean enabled) {
	}

}
