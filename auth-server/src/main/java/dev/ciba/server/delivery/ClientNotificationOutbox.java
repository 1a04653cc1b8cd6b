package dev.ciba.server.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.ciba.server.client.CibaClientSettings;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code client_notification} outbox and its {@code client_notification_attempt}
 * records. Every change of a claimed row is conditional on its status and attempt count,
 * so a node that lost its lease cannot overwrite what another node did since.
 */
@Repository
public class ClientNotificationOutbox {

	/**
	 * Claims due rows, skipping rows another node has locked. {@code FOR UPDATE SKIP
	 * LOCKED} with {@code LIMIT} is accepted by PostgreSQL and by H2 2.x alike.
	 */
	private static final String CLAIM_DUE = """
			SELECT id, ciba_request_id, registered_client_id, delivery_mode, decision, auth_req_id, notification_token,
			    payload, expires_at, attempts
			FROM client_notification WHERE status = 'DUE' AND next_attempt_at <= ? AND attempts < ?
			ORDER BY next_attempt_at, id LIMIT ? FOR UPDATE SKIP LOCKED""";

	private static final int MAX_ERROR_LENGTH = 64;

	private final JdbcClient jdbc;

	ClientNotificationOutbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores what a ping or push delivery needs until the customer answers: the row waits
	 * until its request's expiry.
	 */
	public void insertWaiting(String requestId, String registeredClientId, String mode, String authReqId,
			String notificationToken, Instant expiresAt, Instant now) {
		this.jdbc.sql("""
				INSERT INTO client_notification (ciba_request_id, registered_client_id, delivery_mode, status,
				    auth_req_id, notification_token, attempts, next_attempt_at, expires_at, created_at)
				VALUES (:request, :client, :mode, 'WAITING', :authReqId, :token, 0, :expires, :expires, :now)""")
			.param("request", requestId)
			.param("client", registeredClientId)
			.param("mode", mode)
			.param("authReqId", authReqId)
			.param("token", notificationToken)
			.param("expires", utc(expiresAt))
			.param("now", utc(now))
			.update();
	}

	/**
	 * Makes the waiting row of a request due now, with the customer's decision.
	 * @return whether a row was waiting (requests of poll clients have none)
	 */
	public boolean makeDue(String requestId, NotificationDecision decision, Instant now) {
		return this.jdbc.sql("""
				UPDATE client_notification SET status = 'DUE', decision = :decision, next_attempt_at = :now
				WHERE ciba_request_id = :request AND status = 'WAITING'""")
			.param("decision", decision.name())
			.param("now", utc(now))
			.param("request", requestId)
			.update() == 1;
	}

	/**
	 * The waiting row of a request.
	 * @return its client and mode, or empty when there is none (requests of poll clients
	 * have none) or its wait has ended
	 */
	public Optional<Waiting> findWaiting(String requestId) {
		return this.jdbc
			.sql("SELECT registered_client_id, delivery_mode FROM client_notification "
					+ "WHERE ciba_request_id = ? AND status = 'WAITING'")
			.param(requestId)
			.query((rs, row) -> new Waiting(rs.getString("registered_client_id"), rs.getString("delivery_mode")))
			.optional();
	}

	/**
	 * Ends the wait of a request's row without queueing a delivery, and forgets the
	 * values it held.
	 * @return whether the row was still waiting
	 */
	public boolean cancelWaiting(String requestId, NotificationDecision decision, String reason, Instant now) {
		return this.jdbc.sql("""
				UPDATE client_notification SET status = 'CANCELLED', decision = :decision, last_error = :reason,
				    ended_at = :now, auth_req_id = NULL, notification_token = NULL, payload = NULL
				WHERE ciba_request_id = :request AND status = 'WAITING'""")
			.param("decision", decision.name())
			.param("reason", truncate(reason))
			.param("now", utc(now))
			.param("request", requestId)
			.update() == 1;
	}

	/**
	 * Counts the client's undelivered rows (due: decided, and neither delivered nor
	 * ended), stopping at {@code limit}, so that a long backlog costs no more to count
	 * than the limit.
	 */
	public int countUndelivered(String registeredClientId, int limit) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM (SELECT 1 FROM client_notification
				    WHERE registered_client_id = ? AND status = 'DUE' LIMIT ?) undelivered""")
			.params(registeredClientId, limit)
			.query(Integer.class)
			.single();
	}

	/**
	 * When the next attempt of one of the client's undelivered rows is due (or its lease
	 * ends): the earliest moment its backlog may shrink.
	 */
	public Optional<Instant> nextUndeliveredAttempt(String registeredClientId) {
		return Optional.ofNullable(this.jdbc.sql(
				"SELECT MIN(next_attempt_at) FROM client_notification WHERE registered_client_id = ? AND status = 'DUE'")
			.param(registeredClientId)
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
			.single()).map(OffsetDateTime::toInstant);
	}

	/**
	 * Ends the answers (approvals and denials) whose request expired and that no node
	 * holds now: telling the client about a request it can no longer redeem is of no use
	 * (CIBA Core §11 answers such a redemption with {@code expired_token}). A row
	 * reserved by a node (its lease not ended) is left to that node.
	 * @return the number of rows ended
	 */
	public int endExpiredAnswers(Instant now) {
		return this.jdbc.sql("""
				UPDATE client_notification SET status = 'FAILED', last_error = 'request_expired', ended_at = :now,
				    auth_req_id = NULL, notification_token = NULL, payload = NULL
				WHERE status = 'DUE' AND decision IN ('APPROVED', 'DENIED') AND expires_at <= :now
				    AND next_attempt_at <= :now""").param("now", utc(now)).update();
	}

	/**
	 * Ends the wait of rows whose request expired unanswered: push rows become due with
	 * {@code EXPIRED} (CIBA Core §12 lets the server push {@code expired_token}); ping
	 * rows are cancelled, since a ping on expiry is optional.
	 * @return the number of push rows made due
	 */
	public int endExpiredWaits(Instant now) {
		this.jdbc.sql("""
				UPDATE client_notification SET status = 'CANCELLED', last_error = 'request_expired', ended_at = :now,
				    auth_req_id = NULL, notification_token = NULL, payload = NULL
				WHERE status = 'WAITING' AND delivery_mode = :ping AND next_attempt_at <= :now""")
			.param("now", utc(now))
			.param("ping", CibaClientSettings.PING)
			.update();
		return this.jdbc.sql("""
				UPDATE client_notification SET status = 'DUE', decision = 'EXPIRED'
				WHERE status = 'WAITING' AND delivery_mode = :push AND next_attempt_at <= :now""")
			.param("now", utc(now))
			.param("push", CibaClientSettings.PUSH)
			.update();
	}

	/**
	 * Ends due rows whose last attempt never reported back (its node died, or the
	 * delivery failed unexpectedly) once they used up their attempts.
	 * @return the number of rows ended
	 */
	public int failExhausted(Instant now, int maxAttempts) {
		return this.jdbc.sql("""
				UPDATE client_notification SET status = 'FAILED', last_error = 'attempts_exhausted', ended_at = :now,
				    auth_req_id = NULL, notification_token = NULL, payload = NULL
				WHERE status = 'DUE' AND attempts >= :max AND next_attempt_at <= :now""")
			.param("now", utc(now))
			.param("max", maxAttempts)
			.update();
	}

	/**
	 * Claims up to {@code limit} due rows that have attempts left: counts the attempt and
	 * reserves each row until {@code leaseUntil}, so that no other node picks it up
	 * meanwhile. Must run in a transaction, which should commit before anything is sent.
	 * Rows out of attempts are left to {@link #failExhausted}.
	 */
	public List<ClaimedNotification> claimDue(Instant now, int limit, Instant leaseUntil, int maxAttempts) {
		List<ClaimedNotification> due = this.jdbc.sql(CLAIM_DUE)
			.params(utc(now), maxAttempts, limit)
			.query(ClientNotificationOutbox::map)
			.list();
		if (!due.isEmpty()) {
			this.jdbc.sql(
					"UPDATE client_notification SET attempts = attempts + 1, next_attempt_at = :lease WHERE id IN (:ids)")
				.param("lease", utc(leaseUntil))
				.param("ids", due.stream().map(ClaimedNotification::id).toList())
				.update();
		}
		return due;
	}

	/**
	 * Stores the body of a push, so that every later attempt sends the same.
	 * @return whether the row was still this attempt's
	 */
	public boolean storePayload(ClaimedNotification notification) {
		return this.jdbc.sql("""
				UPDATE client_notification SET payload = :payload, decision = :decision
				WHERE id = :id AND status = 'DUE' AND attempts = :attempt""")
			.param("payload", notification.payload())
			.param("decision", notification.decision().name())
			.param("id", notification.id())
			.param("attempt", notification.attempt())
			.update() == 1;
	}

	/**
	 * Puts a claimed row back for another attempt at {@code nextAttemptAt}.
	 */
	public boolean reschedule(ClaimedNotification notification, Instant nextAttemptAt, String errorCode) {
		return this.jdbc.sql("""
				UPDATE client_notification SET next_attempt_at = :next, last_error = :error
				WHERE id = :id AND status = 'DUE' AND attempts = :attempt""")
			.param("next", utc(nextAttemptAt))
			.param("error", truncate(errorCode))
			.param("id", notification.id())
			.param("attempt", notification.attempt())
			.update() == 1;
	}

	/**
	 * Ends a claimed row and forgets the values it held for the delivery.
	 * @param status {@code DELIVERED}, {@code FAILED} or {@code CANCELLED}
	 */
	public boolean end(ClaimedNotification notification, String status, String errorCode, Instant now) {
		return this.jdbc.sql("""
				UPDATE client_notification SET status = :status, last_error = :error, ended_at = :now,
				    auth_req_id = NULL, notification_token = NULL, payload = NULL
				WHERE id = :id AND status = 'DUE' AND attempts = :attempt""")
			.param("status", status)
			.param("error", truncate(errorCode))
			.param("now", utc(now))
			.param("id", notification.id())
			.param("attempt", notification.attempt())
			.update() == 1;
	}

	/**
	 * Records one attempt: its time, outcome, HTTP status and error code; never a token.
	 * @param outcome {@code DELIVERED}, {@code RETRY} or {@code FAILED}
	 */
	public void recordAttempt(ClaimedNotification notification, String outcome, Integer httpStatus, String errorCode,
			Instant now) {
		this.jdbc.sql("""
				INSERT INTO client_notification_attempt (notification_id, attempt, attempted_at, outcome, http_status,
				    error_code)
				VALUES (:id, :attempt, :now, :outcome, :status, :error)""")
			.param("id", notification.id())
			.param("attempt", notification.attempt())
			.param("now", utc(now))
			.param("outcome", outcome)
			.param("status", httpStatus)
			.param("error", truncate(errorCode))
			.update();
	}

	/**
	 * A row waiting for the customer's answer.
	 *
	 * @param registeredClientId the registered client's internal id
	 * @param mode {@code ping} or {@code push}
	 */
	public record Waiting(String registeredClientId, String mode) {
	}

	private static ClaimedNotification map(ResultSet rs, int row) throws SQLException {
		return new ClaimedNotification(rs.getLong("id"), rs.getString("ciba_request_id"),
				rs.getString("registered_client_id"), rs.getString("delivery_mode"),
				NotificationDecision.valueOf(rs.getString("decision")), rs.getString("auth_req_id"),
				rs.getString("notification_token"), rs.getString("payload"),
				rs.getObject("expires_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts") + 1);
	}

	private static String truncate(String errorCode) {
		if (errorCode == null) {
			return null;
		}
		return (errorCode.length() <= MAX_ERROR_LENGTH) ? errorCode : errorCode.substring(0, MAX_ERROR_LENGTH);
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
