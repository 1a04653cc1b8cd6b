package dev.ciba.server.ciba;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Backchannel authentication requests in the {@code ciba_request} table. Every state
 * change is one conditional update whose row count tells whether it happened, so that
 * concurrent answers and polls, on any node, cannot both win.
 */
@Repository
public class CibaRequestRepository {

	private final JdbcClient jdbc;

	CibaRequestRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * What a new request stores; {@code authorizationDetails} is the compact JSON of RFC
	 * 9396's {@code authorization_details}, or {@code null}.
	 */
	public record NewRequest(String id, AuthReqId authReqId, String registeredClientId, String customerId, String scope,
			String bindingMessage, String acrValues, String pushAuthId, Instant createdAt, Instant expiresAt,
			int intervalSeconds, String authorizationDetails) {
	}

	public void insert(NewRequest request) {
		this.jdbc.sql("""
				INSERT INTO ciba_request (id, auth_req_id_hash, registered_client_id, customer_id, scope,
				    binding_message, acr_values, push_auth_id, status, created_at, expires_at, interval_seconds,
				    authorization_details)
				VALUES (:id, :hash, :client, :customer, :scope, :binding, :acr, :push, 'PENDING', :created, :expires,
				    :interval, :details)""")
			.param("id", request.id())
			.param("hash", request.authReqId().hash())
			.param("client", request.registeredClientId())
			.param("customer", request.customerId())
			.param("scope", request.scope())
			.param("binding", request.bindingMessage())
			.param("acr", request.acrValues())
			.param("push", request.pushAuthId())
			.param("created", utc(request.createdAt()))
			.param("expires", utc(request.expiresAt()))
			.param("interval", request.intervalSeconds())
			.param("details", request.authorizationDetails())
			.update();
	}

	/**
	 * How many unexpired requests of a client for a customer are still pending.
	 * <p>
	 * Only requests created after {@code createdAfter} are looked at: a request still
	 * unexpired now was created less than the longest expiry ago, and the bound lets the
	 * index on customer and creation time read the customer's recent requests only,
	 * instead of the customer's whole history as every backchannel request did before. A
	 * request created with a longer expiry than the current maximum (before an operator
	 * lowered it) is not counted, so for that one lifetime the limit may let a few more
	 * requests through. The expiry is compared here rather than in SQL: given a condition
	 * on {@code expires_at}, PostgreSQL's cached plan also scanned the index on expiry,
	 * which holds every unexpired request of every customer.
	 * @param createdAfter now minus the longest accepted expiry
	 */
	public int countPending(String registeredClientId, String customerId, Instant now, Instant createdAfter) {
		return (int) this.jdbc.sql("""
				SELECT expires_at FROM ciba_request
				WHERE customer_id = :customer AND created_at > :createdAfter AND registered_client_id = :client
				    AND status = 'PENDING'""")
			.param("customer", customerId)
			.param("createdAfter", utc(createdAfter))
			.param("client", registeredClientId)
			.query((rs, row) -> instant(rs, "expires_at"))
			.list()
			.stream()
			.filter((expiresAt) -> expiresAt.isAfter(now))
			.count();
	}

	public Optional<CibaRequest> findByAuthReqId(AuthReqId authReqId) {
		return this.jdbc.sql("""
				SELECT id, registered_client_id, customer_id, scope, status, expires_at, interval_seconds, decided_at,
				    authorization_details
				FROM ciba_request WHERE auth_req_id_hash = ?""")
			.param(authReqId.hash())
			.query(CibaRequestRepository::map)
			.optional();
	}

	/**
	 * The push authentication that asks the customer's phones about a request.
	 * @return its id, or empty if no request has this {@code auth_req_id}
	 */
	public Optional<String> findPushAuthId(AuthReqId authReqId) {
		return this.jdbc.sql("SELECT push_auth_id FROM ciba_request WHERE auth_req_id_hash = ?")
			.param(authReqId.hash())
			.query(String.class)
			.optional();
	}

	/**
	 * Records the customer's answer, if the request is still pending and unexpired.
	 * @return the internal id of the request this answer decided, or empty if it decided
	 * nothing
	 */
	public Optional<String> decide(String pushAuthId, boolean approved, Instant now) {
		Optional<String> id = this.jdbc.sql("SELECT id FROM ciba_request WHERE push_auth_id = ?")
			.param(pushAuthId)
			.query(String.class)
			.optional();
		return id.filter((requestId) -> this.jdbc.sql("""
				UPDATE ciba_request SET status = :status, decided_at = :now, version = version + 1
				WHERE id = :id AND status = 'PENDING' AND expires_at > :now""")
			.param("status", approved ? "APPROVED" : "DENIED")
			.param("now", utc(now))
			.param("id", requestId)
			.update() == 1);
	}

	/**
	 * Records a poll, if the previous one was at least the request's interval ago.
	 * @return {@code false} when the client polled too early
	 */
	public boolean recordPoll(String id, Instant now, int intervalSeconds) {
		return this.jdbc.sql("""
				UPDATE ciba_request SET next_poll_at = :next
				WHERE id = :id AND (next_poll_at IS NULL OR next_poll_at <= :now)""")
			.param("next", utc(now.plusSeconds(intervalSeconds)))
			.param("id", id)
			.param("now", utc(now))
			.update() == 1;
	}

	/**
	 * Stores a longer interval after a {@code slow_down} and starts it now.
	 */
	public void slowDown(String id, Instant now, int newIntervalSeconds) {
		this.jdbc.sql("UPDATE ciba_request SET interval_seconds = :interval, next_poll_at = :next WHERE id = :id")
			.param("interval", newIntervalSeconds)
			.param("next", utc(now.plusSeconds(newIntervalSeconds)))
			.param("id", id)
			.update();
	}

	/**
	 * Marks an approved, unexpired request as redeemed.
	 * @return whether this call redeemed it (at most one caller ever does)
	 */
	public boolean redeem(String id, Instant now) {
		return this.jdbc.sql("""
				UPDATE ciba_request SET status = 'REDEEMED', redeemed_at = :now, version = version + 1
				WHERE id = :id AND status = 'APPROVED' AND expires_at > :now""")
			.param("now", utc(now))
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Marks pending requests past their expiry as expired.
	 * @return how many were marked
	 */
	public int expirePending(Instant now) {
		return this.jdbc.sql("""
				UPDATE ciba_request SET status = 'EXPIRED', version = version + 1
				WHERE status = 'PENDING' AND expires_at <= :now""").param("now", utc(now)).update();
	}

	/**
	 * Deletes requests that expired before the given time.
	 * @return how many were deleted
	 */
	public int deleteExpiredBefore(Instant cutoff) {
		return this.jdbc.sql("DELETE FROM ciba_request WHERE expires_at < ?").param(utc(cutoff)).update();
	}

	private static CibaRequest map(ResultSet rs, int row) throws SQLException {
		return new CibaRequest(rs.getString("id"), rs.getString("registered_client_id"), rs.getString("customer_id"),
				rs.getString("scope"), CibaRequest.Status.valueOf(rs.getString("status")), instant(rs, "expires_at"),
				rs.getInt("interval_seconds"), instant(rs, "decided_at"), rs.getString("authorization_details"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
