package dev.ciba.portal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Port to the grants a customer gave: the clients that hold tokens for the customer,
 * implemented by the server that issues those tokens.
 */
public interface CustomerGrants {

	/**
	 * The clients holding an access or refresh token for the customer that has not
	 * expired, one entry per client.
	 */
	List<Grant> grants(String customerId);

	/**
	 * Revokes every access and refresh token that one client holds for the customer.
	 * @param grantId the id of the grant, as {@link Grant#id()} gave it
	 * @return {@code false} if the customer has no such grant (unknown, or another
	 * customer's)
	 */
	boolean revoke(String customerId, String grantId);

	/**
	 * The tokens one client holds for the customer.
	 *
	 * @param id the grant's id (the client's registration id, not its {@code client_id})
	 * @param clientId the client's {@code client_id}
	 * @param clientName the client's name
	 * @param scopes the scopes granted, across the client's tokens
	 * @param firstIssuedAt when the oldest of its tokens was issued
	 * @param lastIssuedAt when the newest was issued
	 * @param expiresAt when the last of them expires, or {@code null} if one never does
	 */
	record Grant(String id, String clientId, String clientName, List<String> scopes, Instant firstIssuedAt,
			Instant lastIssuedAt, @Nullable Instant expiresAt) {
	}

}
