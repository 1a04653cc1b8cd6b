package dev.ciba.server.console;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.ciba.push.api.PushAuthentications;
import dev.ciba.server.activity.CustomerActivityRepository;
import dev.ciba.server.ciba.CibaAudit;
import dev.ciba.server.ciba.CibaRequestRepository;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.customer.CustomerRepository;
import dev.ciba.server.delivery.ClientNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What operators do to customers: find them, list their recent requests, disable and
 * enable them.
 * <p>
 * Disabling a customer, in one transaction: the account is disabled (no portal login;
 * every hint naming the customer gets {@code unknown_user_id}; approved requests not yet
 * redeemed get {@code access_denied} at the token endpoint); every pending request ends
 * as denied, so a polling client gets {@code access_denied} and a ping or push client is
 * notified as for a customer's denial (the server refused on the customer's behalf); its
 * push authentications are closed, so phones no longer see them; and every push still
 * queued for the customer's phones is cancelled. The customer's portal activity shows
 * those requests as denied, by no phone.
 */
@Service
class CustomerAdministration {

	/** The most customers one search lists. */
	static final int MAX_RESULTS = 50;

	/** The most recent requests shown of a customer. */
	static final int RECENT_REQUESTS = 20;

	private static final String COLUMNS = "id, username, email, password_hash, display_name, enabled";

	private static final Logger logger = LoggerFactory.getLogger(CustomerAdministration.class);

	private final JdbcClient jdbc;

	private final CibaRequestRepository requests;

	private final ClientNotifications notifications;

	private final PushAuthentications pushAuthentications;

	private final CibaAudit audit;

	private final CustomerActivityRepository activity;

	private final Clock clock;

	CustomerAdministration(JdbcClient jdbc, CibaRequestRepository requests, ClientNotifications notifications,
			PushAuthentications pushAuthentications, CibaAudit audit, CustomerActivityRepository activity,
			Clock clock) {
		this.jdbc = jdbc;
		this.requests = requests;
		this.notifications = notifications;
		this.pushAuthentications = pushAuthentications;
		this.audit = audit;
		this.activity = activity;
		this.clock = clock;
	}

	/**
	 * Customers whose username starts with the query, or whose e-mail address starts with
	 * it (case-insensitively); exact matches first.
	 */
	List<Customer> search(String query) {
		String exact = query.strip();
		if (exact.isEmpty()) {
			return List.of();
		}
		String prefix = escapeLike(exact) + "%";
		String lowerPrefix = escapeLike(exact.toLowerCase(Locale.ROOT)) + "%";
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM customer "
				+ "WHERE username LIKE :prefix ESCAPE '\\' OR email LIKE :lowerPrefix ESCAPE '\\' "
				+ "ORDER BY CASE WHEN username = :exact OR email = :lowerExact THEN 0 ELSE 1 END, username LIMIT :max")
			.param("prefix", prefix)
			.param("lowerPrefix", lowerPrefix)
			.param("exact", exact)
			.param("lowerExact", exact.toLowerCase(Locale.ROOT))
			.param("max", MAX_RESULTS)
			.query(CustomerRepository.ROWS)
			.list();
	}

	/**
	 * The customer's most recent requests, newest first, with the name of the client that
	 * made each.
	 */
	List<RecentRequest> recentRequests(String customerId) {
		return this.jdbc.sql("""
				SELECT r.created_at, r.status, c.client_id, c.client_name FROM ciba_request r
				LEFT JOIN oauth2_registered_client c ON c.id = r.registered_client_id
				WHERE r.customer_id = :customer ORDER BY r.created_at DESC, r.id LIMIT :max""")
			.param("customer", customerId)
			.param("max", RECENT_REQUESTS)
			.query((rs, row) -> new RecentRequest(rs.getObject("created_at", OffsetDateTime.class).toInstant(),
					rs.getString("status"), rs.getString("client_id"), rs.getString("client_name")))
			.list();
	}

	/**
	 * Disables the customer and ends what is pending for them (see the class comment).
	 * @return the number of pending requests ended, or -1 if the customer was not enabled
	 */
	@Transactional
	public int disable(String customerId) {
		int updated = this.jdbc
			.sql("UPDATE customer SET enabled = FALSE, version = version + 1 WHERE id = ? AND enabled = TRUE")
			.param(customerId)
			.update();
		if (updated == 0) {
			return -1;
		}
		Instant now = this.clock.instant();
		List<String> pushAuthIds = this.jdbc
			.sql("SELECT push_auth_id FROM ciba_request WHERE customer_id = ? AND status = 'PENDING'")
			.param(customerId)
			.query(String.class)
			.list();
		int ended = 0;
		for (String pushAuthId : pushAuthIds) {
			Optional<String> decided = this.requests.decide(pushAuthId, false, now);
			if (decided.isPresent()) {
				ended++;
				this.audit.record(CibaAudit.Event.DENIED, decided.get(), "-", "customer_disabled");
				this.activity.deniedForDisabledCustomer(decided.get(), now);
				this.notifications.decided(decided.get(), false, now);
			}
			this.pushAuthentications.close(pushAuthId);
		}
		this.jdbc.sql("""
				UPDATE push_outbox SET status = 'CANCELLED' WHERE status = 'PENDING'
				AND device_id IN (SELECT id FROM device WHERE customer_id = ?)""").param(customerId).update();
		logger.info("An operator disabled a customer; {} pending request(s) ended", ended);
		return ended;
	}

	/**
	 * Enables the customer again; requests ended by the disabling stay ended.
	 * @return whether the customer was disabled
	 */
	@Transactional
	public boolean enable(String customerId) {
		boolean enabled = this.jdbc
			.sql("UPDATE customer SET enabled = TRUE, version = version + 1 WHERE id = ? AND enabled = FALSE")
			.param(customerId)
			.update() == 1;
		if (enabled) {
			logger.info("An operator enabled a customer");
		}
		return enabled;
	}

	private static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * One of a customer's requests as the console lists it.
	 *
	 * @param createdAt when the client made it
	 * @param status its state ({@code PENDING}, {@code APPROVED}, ...)
	 * @param clientId the client's {@code client_id}, or {@code null} if it was removed
	 * @param clientName the client's name, or {@code null} if it was removed
	 */
	record RecentRequest(Instant createdAt, String status, String clientId, String clientName) {
	}

}
