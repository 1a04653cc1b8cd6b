package dev.ciba.push.outbox;

import java.time.Instant;
import java.util.List;

import dev.ciba.push.SqlTime;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code push_outbox} and {@code push_attempt} tables.
 */
@Repository
public class PushOutbox {

	/**
	 * Claims due rows, skipping rows another node has locked. {@code FOR UPDATE SKIP
	 * LOCKED} with {@code LIMIT} is accepted by PostgreSQL and by H2 2.x alike.
	 */
	private static final String CLAIM_DUE = "SELECT id, push_auth_id, device_id, attempts FROM push_outbox "
			+ "WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ? "
			+ "FOR UPDATE SKIP LOCKED";

	private static final int MAX_ERROR_LENGTH = 64;

	private final JdbcClient jdbc;

	public PushOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Queues a push, due at once.
	 */
	public void insert(String pushAuthId, String deviceId, Instant now) {
		this.jdbc
			.sql("INSERT INTO push_outbox (push_auth_id, device_id, status, attempts, next_attempt_at, created_at) "
					+ "VALUES (?, ?, 'PENDING', 0, ?, ?)")
			.params(pushAuthId, deviceId, SqlTime.bind(now), SqlTime.bind(now))
			.update();
	}

	/**
	 * Claims up to {@code limit} due rows: counts the attempt and reserves each row until
	 * {@code leaseUntil}, so that no other node picks it up meanwhile. Must run in a
	 * transaction, which should commit before the pushes are sent.
	 */
	public List<OutboxEntry> claimDue(Instant now, int limit, Instant leaseUntil) {
		List<OutboxEntry> due = this.jdbc.sql(CLAIM_DUE)
			.params(SqlTime.bind(now), limit)
			.query((rs, row) -> new OutboxEntry(rs.getLong("id"), rs.getString("push_auth_id"),
					rs.getString("device_id"), rs.getInt("attempts") + 1))
			.list();
		if (!due.isEmpty()) {
			this.jdbc
				.sql("UPDATE push_outbox SET attempts = attempts + 1, next_attempt_at = :leaseUntil WHERE id IN (:ids)")
				.param("leaseUntil", SqlTime.bind(leaseUntil))
				.param("ids", due.stream().map(OutboxEntry::id).toList())
				.update();
		}
		return due;
	}

	/**
	 * Marks a claimed row sent. Does nothing if the row was cancelled or claimed again
	 * meanwhile.
	 */
	public boolean markSent(OutboxEntry entry) {
		return finish(entry, "SENT", null);
	}

	/**
	 * Marks a claimed row failed for good.
	 */
	public boolean markFailed(OutboxEntry entry, String errorCode) {
		return finish(entry, "FAILED", errorCode);
	}

	/**
	 * Marks a claimed row cancelled: there is nothing to send any more.
	 */
	public boolean markCancelled(OutboxEntry entry) {
		return finish(entry, "CANCELLED", null);
	}

	/**
	 * Puts a claimed row back for another attempt at {@code nextAttemptAt}.
	 */
	public boolean reschedule(OutboxEntry entry, Instant nextAttemptAt, String errorCode) {
		int rows = this.jdbc
			.sql("UPDATE push_outbox SET next_attempt_at = ?, last_error = ? "
					+ "WHERE id = ? AND status = 'PENDING' AND attempts = ?")
			.params(SqlTime.bind(nextAttemptAt), truncate(errorCode), entry.id(), entry.attempt())
			.update();
		return rows == 1;
	}

	/**
	 * Cancels the pushes of a push authentication still to be sent.
	 */
	public int cancelAll(String pushAuthId) {
		return this.jdbc
			.sql("UPDATE push_outbox SET status = 'CANCELLED' WHERE push_auth_id = ? AND status = 'PENDING'")
			.param(pushAuthId)
			.update();
	}

	/**
	 * Records one attempt: outcome and error code, never the push token.
	 */
	public void recordAttempt(OutboxEntry entry, String outcome, @Nullable String errorCode, Instant now) {
		this.jdbc
			.sql("INSERT INTO push_attempt (push_auth_id, device_id, attempted_at, outcome, error_code) "
					+ "VALUES (?, ?, ?, ?, ?)")
			.params(entry.pushAuthId(), entry.deviceId(), SqlTime.bind(now), outcome,
					(errorCode != null) ? truncate(errorCode) : null)
			.update();
	}

	private boolean finish(OutboxEntry entry, String status, @Nullable String errorCode) {
		int rows = this.jdbc
			.sql("UPDATE push_outbox SET status = ?, last_error = ? "
					+ "WHERE id = ? AND status = 'PENDING' AND attempts = ?")
			.params(status, (errorCode != null) ? truncate(errorCode) : null, entry.id(), entry.attempt())
			.update();
		return rows == 1;
	}

	private static String truncate(String errorCode) {
		return (errorCode.length() <= MAX_ERROR_LENGTH) ? errorCode : errorCode.substring(0, MAX_ERROR_LENGTH);
	}

}
