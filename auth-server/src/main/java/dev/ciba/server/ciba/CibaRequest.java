package dev.ciba.server.ciba;

import java.time.Instant;

/**
 * A stored backchannel authentication request.
 *
 * @param id the internal id
 * @param registeredClientId the id of the registered client that made it (not its
 * {@code client_id})
 * @param customerId the customer it names
 * @param scope the requested scopes, space separated
 * @param status the state
 * @param expiresAt when it expires
 * @param intervalSeconds the minimum time between polls, grown by each {@code slow_down}
 * @param decidedAt when the customer answered, or {@code null}
 */
public record CibaRequest(String id, String registeredClientId, String customerId, String scope, Status status,
		Instant expiresAt, int intervalSeconds, Instant decidedAt) {

	/**
	 * The states of a request: {@code PENDING} → {@code APPROVED} | {@code DENIED} |
	 * {@code EXPIRED}; {@code APPROVED} → {@code REDEEMED}.
	 */
	public enum Status {

		PENDING, APPROVED, DENIED, EXPIRED, REDEEMED

	}

}
