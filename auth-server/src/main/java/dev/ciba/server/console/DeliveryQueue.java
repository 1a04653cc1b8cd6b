package dev.ciba.server.console;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import dev.ciba.push.outbox.PushDispatcher;
import dev.ciba.server.delivery.ClientNotificationDispatcher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The outboxes as operators see them: pings and pushes to clients
 * ({@code client_notification}) and pushes to phones ({@code push_outbox}) that failed or
 * wait for a retry, and the retry button.
 * <p>
 * The stored errors are codes ({@code http_503}, {@code connect_timeout},
 * {@code attempts_exhausted}, a push provider's code); neither outbox stores a token, a
 * hint or a binding message in them.
 * <p>
 * A client delivery that failed for good cannot be retried: its {@code auth_req_id} and
 * notification token are erased when it ends (see the outbox's migration), so there is
 * nothing left to send. A ping client can still redeem at the token endpoint until the
 * request expires. A phone push that failed can be retried while its request is still
 * pending.
 * <p>
 * Known shortcoming: a row that a node has claimed and is sending right now looks like a
 * row waiting for its retry (both are due later, with attempts made), so a retry pressed
 * at that moment can send it twice. Both receivers tolerate that: a client gets the same
 * ping (or the same tokens, kept in the row) again, a phone the same push. Telling the
 * two apart needs a claim marker in the outboxes, which they do not have yet.
 */
@Service
class DeliveryQueue {

	/** Rows per page and kind. */
	static final int PAGE_SIZE = 25;

	private final JdbcClient jdbc;

	private final ClientNotificationDispatcher clientDispatcher;

	private final PushDispatcher pushDispatcher;

	private final Clock clock;

	DeliveryQueue(JdbcClient jdbc, ClientNotificationDispatcher clientDispatcher, PushDispatcher pushDispatcher,
			Clock clock) {
		this.jdbc = jdbc;
		this.clientDispatcher = clientDispatcher;
		this.pushDispatcher = pushDispatcher;
		this.clock = clock;
	}

	/**
	 * Client deliveries that failed for good or wait for a retry, newest first; one more
	 * than a page, to tell whether there is a next page.
	 */
	List<ClientDelivery> clientDeliveries(int page) {
		return this.jdbc.sql("""
				SELECT n.id, n.delivery_mode, n.status, n.attempts, n.next_attempt_at, n.last_error, c.client_id,
				    c.client_name
				FROM client_notification n LEFT JOIN oauth2_registered_client c ON c.id = n.registered_client_id
				WHERE n.status = 'FAILED' OR (n.status = 'DUE' AND n.attempts > 0)
				ORDER BY n.id DESC LIMIT :limit OFFSET :offset""")
			.param("limit", PAGE_SIZE + 1)
			.param("offset", page * PAGE_SIZE)
			.query((rs, row) -> new ClientDelivery(rs.getLong("id"), rs.getString("delivery_mode"),
					rs.getString("status"), rs.getInt("attempts"),
					instant(rs.getObject("next_attempt_at", OffsetDateTime.class)), rs.getString("last_error"),
					rs.getString("client_id"), rs.getString("client_name")))
			.list();
	}

	/**
	 * Phone pushes that failed for good or wait for a retry, newest first; one more than
	 * a page.
	 */
	List<PushDelivery> pushDeliveries(int page) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				SELECT o.id, o.status, o.attempts, o.next_attempt_at, o.last_error, c.username,
				    CASE WHEN a.status = 'PENDING' AND a.expires_at > :now THEN 1 ELSE 0 END AS open
				FROM push_outbox o JOIN push_auth a ON a.id = o.push_auth_id
				LEFT JOIN customer c ON c.id = a.customer_id
				WHERE o.status = 'FAILED' OR (o.status = 'PENDING' AND o.attempts > 0)
				ORDER BY o.id DESC LIMIT :limit OFFSET :offset""")
			.param("now", utc(now))
			.param("limit", PAGE_SIZE + 1)
			.param("offset", page * PAGE_SIZE)
			.query((rs, row) -> new PushDelivery(rs.getLong("id"), rs.getString("status"), rs.getInt("attempts"),
					instant(rs.getObject("next_attempt_at", OffsetDateTime.class)), rs.getString("last_error"),
					rs.getString("username"), rs.getInt("open") == 1))
			.list();
	}

	/**
	 * Makes a client delivery that waits for a retry due now.
	 * @return whether it was waiting for a retry
	 */
	boolean retryClientDelivery(long id) {
		boolean retried = this.jdbc.sql("""
				UPDATE client_notification SET next_attempt_at = :now
				WHERE id = :id AND status = 'DUE' AND attempts > 0""")
			.param("now", utc(this.clock.instant()))
			.param("id", id)
			.update() == 1;
		if (retried) {
			this.clientDispatcher.dispatchSoon();
		}
		return retried;
	}

	/**
	 * Makes a phone push that failed or waits for a retry due now, if its request is
	 * still open. A push that failed for good gets one more attempt.
	 * @return whether it is due now
	 */
	boolean retryPush(long id) {
		Instant now = this.clock.instant();
		boolean retried = this.jdbc.sql("""
				UPDATE push_outbox SET status = 'PENDING', next_attempt_at = :now
				WHERE id = :id AND status IN ('PENDING', 'FAILED') AND attempts > 0
				AND EXISTS (SELECT 1 FROM push_auth a WHERE a.id = push_outbox.push_auth_id AND a.status = 'PENDING'
				    AND a.expires_at > :now)""").param("now", utc(now)).param("id", id).update() == 1;
		if (retried) {
			this.pushDispatcher.dispatchSoon();
		}
		return retried;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(OffsetDateTime time) {
		return time.toInstant();
	}

	/**
	 * A ping or push to a client, as listed.
	 *
	 * @param id the outbox row
	 * @param mode {@code ping} or {@code push}
	 * @param status {@code DUE} (waiting for a retry) or {@code FAILED}
	 * @param attempts attempts made
	 * @param nextAttemptAt when it is tried again (for {@code DUE})
	 * @param lastError the last error code, or {@code null}
	 * @param clientId the client, or {@code null} if it was removed
	 * @param clientName the client's name, or {@code null}
	 */
	record ClientDelivery(long id, String mode, String status, int attempts, Instant nextAttemptAt, String lastError,
			String clientId, String clientName) {
	}

	/**
	 * A push to a phone, as listed.
	 *
	 * @param id the outbox row
	 * @param status {@code PENDING} (waiting for a retry) or {@code FAILED}
	 * @param attempts attempts made
	 * @param nextAttemptAt when it is tried again (for {@code PENDING})
	 * @param lastError the last error code, or {@code null}
	 * @param username the customer's username, or {@code null}
	 * @param requestOpen whether the request is still pending, so a retry can help
	 */
	record PushDelivery(long id, String status, int attempts, Instant nextAttemptAt, String lastError, String username,
			boolean requestOpen) {
	}

}
