package dev.ciba.push.resend;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.SqlTime;
import dev.ciba.push.outbox.PushDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues the pushes of a request again when nobody answered it for a while: a push the
 * provider accepted may still never show on the phone. Each request is re-sent at most
 * the configured number of times, only while it is pending and unexpired, and only to the
 * notified devices that are active and have a push token the provider still knows (and
 * have no push of it still waiting in the outbox). The outbox sends them.
 * <p>
 * Safe on several nodes at once: a node takes a resend round by an update conditional on
 * the round count it read, so exactly one node queues each round.
 */
@Component
public class PushResender {

	/**
	 * The most batches one run handles, so that a run ends even if requests keep coming.
	 */
	static final int MAX_BATCHES_PER_RUN = 20;

	private static final String FIND_DUE = "SELECT id, resend_count FROM push_auth "
			+ "WHERE status = 'PENDING' AND expires_at > ? AND resend_count < ? "
			+ "AND ((next_resend_at IS NULL AND requested_at <= ?) OR next_resend_at <= ?) "
			+ "ORDER BY requested_at, id LIMIT ?";

	private static final String TAKE_ROUND = "UPDATE push_auth "
			+ "SET resend_count = resend_count + 1, next_resend_at = ?, version = version + 1 "
			+ "WHERE id = ? AND resend_count = ? AND status = 'PENDING' AND expires_at > ?";

	private static final String QUEUE_PUSHES = "INSERT INTO push_outbox "
			+ "(push_auth_id, device_id, status, attempts, next_attempt_at, created_at) "
			+ "SELECT pad.push_auth_id, d.id, 'PENDING', 0, ?, ? FROM push_auth_device pad "
			+ "JOIN device d ON d.id = pad.device_id "
			+ "WHERE pad.push_auth_id = ? AND d.status = 'ACTIVE' AND d.push_token IS NOT NULL "
			+ "AND d.push_token_stale_at IS NULL AND NOT EXISTS (SELECT 1 FROM push_outbox po "
			+ "WHERE po.push_auth_id = pad.push_auth_id AND po.device_id = d.id AND po.status = 'PENDING')";

	private static final Logger logger = LoggerFactory.getLogger(PushResender.class);

	private final JdbcClient jdbc;

	private final PushDispatcher dispatcher;

	private final PushChannelSettings.Resend settings;

	private final int batchSize;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public PushResender(JdbcClient jdbc, PushDispatcher dispatcher, PushChannelSettings settings,
			PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.dispatcher = dispatcher;
		this.settings = settings.resend();
		this.batchSize = settings.outbox().batchSize();
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Queues the pushes of every request due for a resend now.
	 * @return the number of pushes queued
	 */
	public int resendDue() {
		if (!this.settings.enabled()) {
			return 0;
		}
		int queued = 0;
		for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
			Instant now = this.clock.instant();
			List<Due> due = findDue(now);
			for (Due request : due) {
				queued += resend(request, now);
			}
			if (due.size() < this.batchSize) {
				break;
			}
		}
		if (queued > 0) {
			this.dispatcher.dispatchSoon();
		}
		return queued;
	}

	/**
	 * {@link #resendDue()} for schedulers: a failure is logged, the next run tries again.
	 */
	public void resendDueLogged() {
		try {
			resendDue();
		}
		catch (RuntimeException ex) {
			logger.error("Re-sending pushes of unanswered requests failed; the next run retries", ex);
		}
	}

	private List<Due> findDue(Instant now) {
		return this.jdbc.sql(FIND_DUE)
			.params(SqlTime.bind(now), this.settings.maxCount(), SqlTime.bind(now.minus(this.settings.after())),
					SqlTime.bind(now), this.batchSize)
			.query((rs, row) -> new Due(rs.getString("id"), rs.getInt("resend_count")))
			.list();
	}

	/**
	 * Takes one resend round of a request and queues its pushes, in one transaction.
	 * @return the number of pushes queued; none if another node took the round or the
	 * request ended meanwhile
	 */
	private int resend(Due request, Instant now) {
		Integer queued = this.transactions.execute((status) -> {
			int taken = this.jdbc.sql(TAKE_ROUND)
				.params(SqlTime.bind(now.plus(this.settings.after())), request.id(), request.resendCount(),
						SqlTime.bind(now))
				.update();
			if (taken != 1) {
				return 0;
			}
			return this.jdbc.sql(QUEUE_PUSHES).params(SqlTime.bind(now), SqlTime.bind(now), request.id()).update();
		});
		int count = (queued != null) ? queued : 0;
		if (count > 0) {
			logger.debug("Queued {} push(es) again for an unanswered request (round {})", count,
					request.resendCount() + 1);
		}
		return count;
	}

	private record Due(String id, int resendCount) {

		@Override
		public String toString() {
			return "Due[resendCount=" + this.resendCount + "]";
		}

	}

}
