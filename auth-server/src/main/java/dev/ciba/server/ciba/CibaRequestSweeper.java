package dev.ciba.server.ciba;

import java.time.Clock;
import java.time.Instant;

import dev.ciba.server.activity.CustomerActivityRepository;
import dev.ciba.server.config.CibaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks pending requests past their expiry as expired, and deletes requests whose
 * retention ended and the marks of used request objects whose time has passed. Each is a
 * single statement, so several nodes may run them at once.
 */
@Component
class CibaRequestSweeper {

	private static final Logger logger = LoggerFactory.getLogger(CibaRequestSweeper.class);

	private final CibaRequestRepository requests;

	private final JdbcRequestObjectJtis requestObjectJtis;

	private final CibaProperties properties;

	private final Clock clock;

	/** The most rows of customer activity one statement deletes. */
	private static final int ACTIVITY_BATCH = 500;

	/**
	 * The most batches of customer activity one sweep deletes; the next sweep goes on.
	 */
	private static final int ACTIVITY_MAX_BATCHES = 20;

	private final CustomerActivityRepository activity;

	CibaRequestSweeper(CibaRequestRepository requests, JdbcRequestObjectJtis requestObjectJtis,
			CibaProperties properties, Clock clock, CustomerActivityRepository activity) {
		this.requests = requests;
		this.activity = activity;
		this.requestObjectJtis = requestObjectJtis;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${ciba.request.sweep-delay:60s}",
			fixedDelayString = "${ciba.request.sweep-delay:60s}")
	void sweep() {
		Instant now = this.clock.instant();
		int expired = this.requests.expirePending(now);
		int deleted = this.requests.deleteExpiredBefore(now.minus(this.properties.getRequest().getRetention()));
		int jtis = this.requestObjectJtis.deleteExpired(now);
		this.activity.expirePending(now);
		int activities = sweepActivity(now.minus(this.properties.getAudit().getRetention()));
		if (expired > 0 || deleted > 0 || jtis > 0 || activities > 0) {
			logger.debug(
					"Swept CIBA requests: {} expired, {} deleted; {} used-once marks of request objects, "
							+ "client assertions and initial access tokens deleted; {} activity rows deleted",
					expired, deleted, jtis, activities);
		}
	}

	// The customer's activity is kept as long as the device audit trail, and deleted in
	// batches so that no sweep holds many locks.
	private int sweepActivity(Instant cutoff) {
		int total = 0;
		for (int batch = 0; batch < ACTIVITY_MAX_BATCHES; batch++) {
			int deleted = this.activity.deleteRequestedBefore(cutoff, ACTIVITY_BATCH);
			total += deleted;
			if (deleted < ACTIVITY_BATCH) {
				break;
			}
		}
		return total;
	}

}
