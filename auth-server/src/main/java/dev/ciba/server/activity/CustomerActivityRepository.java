package dev.ciba.server.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import dev.ciba.portal.CustomerActivity;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code customer_activity} table: written by the CIBA lifecycle in the transaction
 * of each change, read by the portal. A row holds only what the activity page shows.
 */
@Repository
public class CustomerActivityRepository implements CustomerActivity {

	/** The longest summary of authorization details stored; longer ones are cut. */
	static final int MAX_SUMMARY_LENGTH = 1000;

	private static final String COLUMNS = "client_id, client_name, binding_message, scope, details_summary, outcome, "
			+ "device_name, requested_at, expires_at, answered_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	CustomerActivityRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * What a new request shows on the activity page.
	 *
	 * @param requestId the internal id of the request
	 * @param detailsSummary the authorization details in one line, or {@code null}
	 */
	public record NewEntry(String requestId, String customerId, String clientId, String clientName,
			@Nullable String bindingMessage, String scope, @Nullable String detailsSummary, Instant requestedAt,
			Instant expiresAt) {
	}

	/**
	 * Records a new, pending request.
	 */
	public void requested(NewEntry entry) {
		String summary = entry.detailsSummary();
		if (summary != null && summary.length() > MAX_SUMMARY_LENGTH) {
			summary = summary.substring(0, MAX_SUMMARY_LENGTH - 1) + "…";
		}
		this.jdbc.sql("""
				INSERT INTO customer_activity (request_id, customer_id, client_id, client_name, binding_message, scope,
				    details_summary, outcome, requested_at, expires_at)
				VALUES (:id, :customer, :clientId, :clientName, :binding, :scope, :summary, 'PENDING', :requested,
				    :expires)""")
			.param("id", entry.requestId())
			.param("customer", entry.customerId())
			.param("clientId", entry.clientId())
			.param("clientName", entry.clientName())
			.param("binding", entry.bindingMessage())
			.param("scope", entry.scope())
			.param("summary", summary)
			.param("requested", utc(entry.requestedAt()))
			.param("expires", utc(entry.expiresAt()))
			.update();
	}

	/**
	 * Records the answer of a device, with the device's name as it is now.
	 */
	public void answered(String requestId, boolean approved, String deviceId, Instant answeredAt) {
		this.jdbc.sql("""
				UPDATE customer_activity SET outcome = :outcome, device_id = :device, answered_at = :at,
				    device_name = (SELECT name FROM device WHERE id = :device), version = version + 1
				WHERE request_id = :id AND outcome = 'PENDING'""")
			.param("outcome", approved ? "APPROVED" : "DENIED")
			.param("device", deviceId)
			.param("at", utc(answeredAt))
			.param("id", requestId)
			.update();
	}

	/**
	 * Records a request that the server denied on the customer's behalf because an
	 * operator disabled the account: denied, answered by no phone.
	 */
	public void deniedForDisabledCustomer(String requestId, Instant at) {
		this.jdbc.sql("""
				UPDATE customer_activity SET outcome = 'DENIED', answered_at = :at, version = version + 1
				WHERE request_id = :id AND outcome = 'PENDING'""").param("at", utc(at)).param("id", requestId).update();
	}

	/**
	 * Records that the client fetched the tokens of an approved request.
	 */
	public void redeemed(String requestId, Instant redeemedAt) {
		this.jdbc.sql("UPDATE customer_activity SET redeemed_at = ?, version = version + 1 WHERE request_id = ?")
			.params(utc(redeemedAt), requestId)
			.update();
	}

	/**
	 * Marks pending requests past their expiry as expired.
	 * @return how many were marked
	 */
	public int expirePending(Instant now) {
		return this.jdbc.sql("""
				UPDATE customer_activity SET outcome = 'EXPIRED', version = version + 1
				WHERE outcome = 'PENDING' AND expires_at <= ?""").param(utc(now)).update();
	}

	/**
	 * Deletes at most {@code batchSize} rows of requests made before the cutoff.
	 * @return how many were deleted
	 */
	public int deleteRequestedBefore(Instant cutoff, int batchSize) {
		return this.jdbc.sql("""
				DELETE FROM customer_activity WHERE request_id IN
				    (SELECT request_id FROM customer_activity WHERE requested_at < ? ORDER BY requested_at LIMIT ?)""")
			.params(utc(cutoff), batchSize)
			.update();
	}

	@Override
	public ActivityPage page(String customerId, int page, int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("page must be 0 or more and size 1 to " + MAX_PAGE_SIZE);
		}
		Instant now = this.clock.instant();
		// One row more than the page tells whether an older page follows.
		List<ActivityEntry> rows = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM customer_activity WHERE customer_id = ? "
					+ "ORDER BY requested_at DESC, request_id DESC LIMIT ? OFFSET ?")
			.params(customerId, size + 1, (long) page * size)
			.query((rs, row) -> map(rs, now))
			.list();
		boolean hasNext = rows.size() > size;
		return new ActivityPage(hasNext ? rows.subList(0, size) : rows, page, hasNext);
	}

	@Override
	public List<ActivityEntry> pending(String customerId) {
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM customer_activity WHERE customer_id = ? AND outcome = 'PENDING' "
					+ "AND expires_at > ? ORDER BY requested_at DESC, request_id DESC LIMIT ?")
			.params(customerId, utc(now), MAX_PAGE_SIZE)
			.query((rs, row) -> map(rs, now))
			.list();
	}

	private static ActivityEntry map(ResultSet rs, Instant now) throws SQLException {
		Outcome outcome = Outcome.valueOf(rs.getString("outcome"));
		Instant expiresAt = instant(rs, "expires_at");
		// The sweep marks expired requests only once a minute; the page tells the truth
		// in between.
		if (outcome == Outcome.PENDING && !expiresAt.isAfter(now)) {
			outcome = Outcome.EXPIRED;
		}
		return new ActivityEntry(rs.getString("client_id"), rs.getString("client_name"),
				rs.getString("binding_message"), Arrays.asList(rs.getString("scope").split(" ")),
				rs.getString("details_summary"), rs.getString("device_name"), outcome, instant(rs, "requested_at"),
				expiresAt, nullableInstant(rs, "answered_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
