package dev.ciba.push.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.ciba.push.SqlTime;
import dev.ciba.push.api.PushAuthStart.Display;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code push_auth} and {@code push_auth_device} tables. Every state change is one
 * conditional update on {@code status = 'PENDING'} whose row count says whether it
 * happened, so two answers racing can never both win.
 */
@Repository
public class PushAuthRepository {

	private static final String COLUMNS = "pa.id, pa.customer_id, pa.challenge, pa.client_name, pa.binding_message, "
			+ "pa.scope, pa.ip_address, pa.requested_at, pa.expires_at, pa.status, pa.scope_descriptions, "
			+ "pa.authorization_details_shown, pa.summary, pa.number_choices";

	private final JdbcClient jdbc;

	public PushAuthRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(PushAuthRecord record) {
		insert(record, null, null);
	}

	/**
	 * Stores a push authentication, with its number if the request has number matching.
	 * @param number the number and the choices, or {@code null}
	 * @param maxFailures the wrong answers that end the request, or {@code null} without
	 * a number
	 */
	void insert(PushAuthRecord record, @Nullable NumberChallenge number, @Nullable Integer maxFailures) {
		Display display = record.display();
		this.jdbc.sql("""
				INSERT INTO push_auth (id, customer_id, challenge, client_name, binding_message, scope, ip_address,
				    requested_at, expires_at, status, scope_descriptions, authorization_details_shown, summary,
				    number_challenge, number_choices, number_max_failures)
				VALUES (:id, :customer, :challenge, :client, :binding, :scope, :ip, :requested, :expires, :status,
				    :descriptions, :details, :summary, :number, :choices, :max)""")
			.param("id", record.id())
			.param("customer", record.customerId())
			.param("challenge", record.challenge())
			.param("client", record.clientName())
			.param("binding", record.bindingMessage())
			.param("scope", record.scope())
			.param("ip", record.ipAddress())
			.param("requested", SqlTime.bind(record.requestedAt()))
			.param("expires", SqlTime.bind(record.expiresAt()))
			.param("status", record.status().name())
			.param("descriptions", ScopeDescriptionsJson.write(display.scopeDescriptions()))
			.param("details", display.authorizationDetails())
			.param("summary", display.summary())
			.param("number", (number != null) ? number.number() : null)
			.param("choices", (number != null) ? number.choicesText() : null)
			.param("max", maxFailures)
			.update();
	}

	/**
	 * The number of a push authentication with number matching; empty without.
	 */
	Optional<String> findNumber(String pushAuthId) {
		return this.jdbc.sql("SELECT number_challenge FROM push_auth WHERE id = ? AND number_challenge IS NOT NULL")
			.param(pushAuthId)
			.query(String.class)
			.optional();
	}

	/**
	 * Counts an approval without the right number, if the push authentication is still
	 * pending, unexpired and has wrong answers left. Run it in a transaction and read the
	 * count in the same one: the updated row stays locked until it ends, so concurrent
	 * wrong answers are counted one after the other.
	 * @return the wrong answers counted so far and the most allowed, or empty if nothing
	 * was counted
	 */
	Optional<NumberFailures> countNumberFailure(String pushAuthId, Instant now) {
		int rows = this.jdbc.sql("""
				UPDATE push_auth SET number_failures = number_failures + 1, version = version + 1
				WHERE id = ? AND status = 'PENDING' AND expires_at > ? AND number_challenge IS NOT NULL
				    AND number_failures < number_max_failures""").params(pushAuthId, SqlTime.bind(now)).update();
		if (rows != 1) {
			return Optional.empty();
		}
		return this.jdbc.sql("SELECT number_failures, number_max_failures FROM push_auth WHERE id = ?")
			.param(pushAuthId)
			.query((rs, row) -> new NumberFailures(rs.getInt("number_failures"), rs.getInt("number_max_failures")))
			.optional();
	}

	/**
	 * How many wrong numbers a push authentication has had, of how many allowed.
	 */
	record NumberFailures(int failures, int maxFailures) {

		boolean exhausted() {
			return this.failures >= this.maxFailures;
		}

	}

	/**
	 * Records that a device was notified: only notified devices may answer.
	 */
	public void addNotifiedDevice(String pushAuthId, String deviceId) {
		this.jdbc.sql("INSERT INTO push_auth_device (push_auth_id, device_id) VALUES (?, ?)")
			.params(pushAuthId, deviceId)
			.update();
	}

	public Optional<PushAuthRecord> findById(String pushAuthId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM push_auth pa WHERE pa.id = ?")
			.param(pushAuthId)
			.query(PushAuthRepository::map)
			.optional();
	}

	public boolean wasNotified(String pushAuthId, String deviceId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM push_auth_device WHERE push_auth_id = ? AND device_id = ?")
			.params(pushAuthId, deviceId)
			.query(Integer.class)
			.single() > 0;
	}

	/**
	 * Takes a device's answer, if the push authentication is still pending and unexpired.
	 * The number of number matching is forgotten: it is needed no longer.
	 * @return {@code false} if another answer or the end came first
	 */
	public boolean decide(String pushAuthId, PushAuthStatus decision, String deviceId, Instant now) {
		int rows = this.jdbc
			.sql("UPDATE push_auth SET status = ?, answered_device_id = ?, answered_at = ?, number_challenge = NULL, "
					+ "version = version + 1 WHERE id = ? AND status = 'PENDING' AND expires_at > ?")
			.params(decision.name(), deviceId, SqlTime.bind(now), pushAuthId, SqlTime.bind(now))
			.update();
		return rows == 1;
	}

	/**
	 * Closes a pending push authentication.
	 * @return {@code false} if it was not pending
	 */
	public boolean close(String pushAuthId) {
		int rows = this.jdbc
			.sql("UPDATE push_auth SET status = 'CLOSED', number_challenge = NULL, version = version + 1 "
					+ "WHERE id = ? AND status = 'PENDING'")
			.param(pushAuthId)
			.update();
		return rows == 1;
	}

	/**
	 * The pending, unexpired push authentications a device was notified of, newest first,
	 * so that a flood of older requests cannot hide the one the customer is waiting for.
	 * <p>
	 * The device's customer narrows the search to that customer's pending requests (the
	 * index on customer and status); a device is only ever notified of its own customer's
	 * requests, so the result is the same. Without it PostgreSQL read every pending
	 * request of every customer, or the device's whole history, on each pull: the pull
	 * grew slower with the load on the whole server.
	 */
	public List<PushAuthRecord> findPendingForDevice(String deviceId, String customerId, Instant now, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM push_auth pa JOIN push_auth_device pad ON pad.push_auth_id = pa.id "
					+ "WHERE pad.device_id = ? AND pa.customer_id = ? AND pa.status = 'PENDING' AND pa.expires_at > ? "
					+ "ORDER BY pa.requested_at DESC, pa.id LIMIT ?")
			.params(deviceId, customerId, SqlTime.bind(now), limit)
			.query(PushAuthRepository::map)
			.list();
	}

	private static PushAuthRecord map(ResultSet rs, int row) throws SQLException {
		return new PushAuthRecord(rs.getString("id"), rs.getString("customer_id"), rs.getString("challenge"),
				rs.getString("client_name"), rs.getString("binding_message"), rs.getString("scope"),
				rs.getString("ip_address"), SqlTime.read(rs, "requested_at"), SqlTime.read(rs, "expires_at"),
				PushAuthStatus.valueOf(rs.getString("status")),
				new Display(ScopeDescriptionsJson.read(rs.getString("scope_descriptions")),
						rs.getString("authorization_details_shown"), rs.getString("summary")),
				rs.getString("number_choices"));
	}

}
