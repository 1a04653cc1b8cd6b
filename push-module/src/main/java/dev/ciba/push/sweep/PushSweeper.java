package dev.ciba.push.sweep;

import java.time.Clock;
import java.time.Instant;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.SqlTime;
import dev.ciba.push.audit.DeviceAuditSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes what is no longer needed, in small batches: expired registrations, expired
 * replay records, push authentications (with their devices, outbox rows and attempts)
 * once the retention after their expiry has passed, device events older than the audit
 * retention, and the counts of rate-limit windows that have ended. Safe on several nodes
 * at once: deleting a row twice deletes it once.
 */
@Component
public class PushSweeper {

	/**
	 * The most batches per table in one sweep; the next sweep goes on.
	 */
	static final int MAX_BATCHES = 20;

	private static final Logger logger = LoggerFactory.getLogger(PushSweeper.class);

	private final JdbcClient jdbc;

	private final PushChannelSettings.Sweep settings;

	private final Clock clock;

	private final DeviceAuditSettings audit;

	public PushSweeper(JdbcClient jdbc, PushChannelSettings settings, Clock clock, DeviceAuditSettings audit) {
		this.jdbc = jdbc;
		this.settings = settings.sweep();
		this.clock = clock;
		this.audit = audit;
	}

	/**
	 * Sweeps once.
	 * @return the number of rows deleted
	 */
	public int sweep() {
		Instant now = this.clock.instant();
		int deleted = deleteInBatches("DELETE FROM device_registration WHERE device_id IN "
				+ "(SELECT device_id FROM device_registration WHERE expires_at <= ? LIMIT ?)", now);
		deleted += deleteInBatches("DELETE FROM device_jwt_replay WHERE jti_hash IN "
				+ "(SELECT jti_hash FROM device_jwt_replay WHERE expires_at <= ? LIMIT ?)", now);
		deleted += deleteInBatches(
				"DELETE FROM push_auth WHERE id IN " + "(SELECT id FROM push_auth WHERE expires_at <= ? LIMIT ?)",
				now.minus(this.settings.endedRetention()));
		deleted += deleteInBatches(
				"DELETE FROM device_event WHERE id IN "
						+ "(SELECT id FROM device_event WHERE occurred_at <= ? ORDER BY occurred_at LIMIT ?)",
				now.minus(this.audit.retention()));
		deleted += deleteInBatches("DELETE FROM rate_limit WHERE (bucket, key_hash, window_start) IN "
				+ "(SELECT bucket, key_hash, window_start FROM rate_limit WHERE window_end <= ? LIMIT ?)", now);
		if (deleted > 0) {
			logger.debug("Swept {} expired row(s)", deleted);
		}
		return deleted;
	}

	/**
	 * {@link #sweep()} for the scheduler: a failure is logged, the next sweep tries
	 * again.
	 */
	public void sweepLogged() {
		try {
			sweep();
		}
		catch (RuntimeException ex) {
			logger.error("Sweeping expired rows failed; the next sweep retries", ex);
		}
	}

	private int deleteInBatches(String sql, Instant cutoff) {
		int total = 0;
		for (int batch = 0; batch < MAX_BATCHES; batch++) {
			int deleted = this.jdbc.sql(sql).params(SqlTime.bind(cutoff), this.settings.batchSize()).update();
			total += deleted;
			if (deleted < this.settings.batchSize()) {
				break;
			}
		}
		return total;
	}

}
