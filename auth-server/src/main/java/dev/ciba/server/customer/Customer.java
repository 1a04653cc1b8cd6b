package dev.ciba.server.customer;

/**
 * A customer as stored.
 *
 * @param id the opaque random id: the {@code sub} of every token and the principal name
 * @param username unique, without {@code @}
 * @param email unique, lower case
 * @param passwordHash the encoded password ({@code {bcrypt}...})
 * @param displayName the name to show, or {@code null}
 * @param enabled whether the customer may log in and be named by requests
 */
public record Customer(String id, String username, String email, String passwordHash, String displayName,
		boolean enabled) {
}
