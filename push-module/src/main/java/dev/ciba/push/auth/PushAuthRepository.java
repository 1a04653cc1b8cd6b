package dev.ciba.push.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.ciba.push.SqlTime;

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
			+ "pa.scope, pa.ip_address, pa.requested_at, pa.expires_at, pa.status";

	private final JdbcClient jdbc;

	public PushAuthRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(PushAuthRecord record) {
		this.jdbc
			.sql("INSERT INTO push_auth (id, customer_id, challenge, client_name, binding_message, scope, ip_address, "
					+ "requested_at, expires_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(record.id(), record.customerId(), record.challenge(), record.clientName(), record.bindingMessage(),
					record.scope(), record.ipAddress(), SqlTime.bind(record.requestedAt()),
					SqlTime.bind(record.expiresAt()), record.status().name())
			.update();
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
	 * @return {@code false} if another answer or the end came first
	 */
	public boolean decide(String pushAuthId, PushAuthStatus decision, String deviceId, Instant now) {
		int rows = this.jdbc
			.sql("UPDATE push_auth SET status = ?, answered_device_id = ?, answered_at = ?, version = version + 1 "
					+ "WHERE id = ? AND status = 'PENDING' AND expires_at > ?")
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
			.sql("UPDATE push_auth SET status = 'CLOSED', version = version + 1 WHERE id = ? AND status = 'PENDING'")
			.param(pushAuthId)
			.update();
		return rows == 1;
	}

	/**
	 * The pending, unexpired push authentications a device was notified of, newest first,
	 * so that a flood of older requests cannot hide the one the customer is waiting for.
	 */
	public List<PushAuthRecord> findPendingForDevice(String deviceId, Instant now, int limit) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM push_auth pa JOIN push_auth_device pad ON pad.push_auth_id = pa.id "
					+ "WHERE pad.device_id = ? AND pa.status = 'PENDING' AND pa.expires_at > ? "
					+ "ORDER BY pa.requested_at DESC, pa.id LIMIT ?")
			.params(deviceId, SqlTime.bind(now), limit)
			.query(PushAuthRepository::map)
			.list();
	}

	private static PushAuthRecord map(ResultSet rs, int row) throws SQLException {
		return new PushAuthRecord(rs.getString("id"), rs.getString("customer_id"), rs.getString("challenge"),
				rs.getString("client_name"), rs.getString("binding_message"), rs.getString("scope"),
				rs.getString("ip_address"), SqlTime.read(rs, "requested_at"), SqlTime.read(rs, "expires_at"),
				PushAuthStatus.valueOf(rs.getString("status")));
	}

}
