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
 * @param authorizationDetails the {@code authorization_details} (RFC 9396) as compact
 * JSON, or {@code null}
 */
public record CibaRequest(String id, String registeredClientId, String customerId, String scope, Status status,
		Instant expiresAt, int intervalSeconds, Instant decidedAt, String authorizationDetails) {

	/**
	 * The states of a request: {@code PENDING} → {@code APPROVED} | {@code DENIED} |
	 * {@code EXPIRED}; {@code APPROVED} → {@code REDEEMED}.
	 */
	public enum Status {

		PENDING, APPROVED, DENIED, EXPIRED, REDEEMED

	}

}
