package dev.ciba.push.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.ciba.push.SqlTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code device_registration} table: one row per offered device id.
 */
@Repository
public class DeviceRegistrationRepository {

	private final JdbcClient jdbc;

	public DeviceRegistrationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(PendingRegistration registration, Instant now) {
		this.jdbc
			.sql("INSERT INTO device_registration (device_id, customer_id, challenge, created_at, expires_at) "
					+ "VALUES (?, ?, ?, ?, ?)")
			.params(registration.deviceId(), registration.customerId(), registration.challenge(), SqlTime.bind(now),
					SqlTime.bind(registration.expiresAt()))
			.update();
	}

	/**
	 * The device ids of the customer's open registrations, newest first.
	 */
	public List<String> findOpenDeviceIds(String customerId, Instant now) {
		return this.jdbc
			.sql("SELECT device_id FROM device_registration WHERE customer_id = ? AND used_at IS NULL "
					+ "AND expires_at > ? ORDER BY created_at DESC, device_id")
			.params(customerId, SqlTime.bind(now))
			.query(String.class)
			.list();
	}

	public int delete(List<String> deviceIds) {
		if (deviceIds.isEmpty()) {
			return 0;
		}
		return this.jdbc.sql("DELETE FROM device_registration WHERE device_id IN (:ids) AND used_at IS NULL")
			.param("ids", deviceIds)
			.update();
	}

	/**
	 * The registration of a device id if it is unused and unexpired.
	 */
	public Optional<PendingRegistration> findOpen(String deviceId, Instant now) {
		return this.jdbc
			.sql("SELECT device_id, customer_id, challenge, expires_at FROM device_registration "
					+ "WHERE device_id = ? AND used_at IS NULL AND expires_at > ?")
			.params(deviceId, SqlTime.bind(now))
			.query(DeviceRegistrationRepository::map)
			.optional();
	}

	/**
	 * Uses up a registration. Only one caller can win: the update is conditional on the
	 * registration being unused and unexpired, and its row count says who won.
	 */
	public boolean claim(String deviceId, Instant now) {
		int rows = this.jdbc
			.sql("UPDATE device_registration SET used_at = ? "
					+ "WHERE device_id = ? AND used_at IS NULL AND expires_at > ?")
			.params(SqlTime.bind(now), deviceId, SqlTime.bind(now))
			.update();
		return rows == 1;
	}

	private static PendingRegistration map(ResultSet rs, int row) throws SQLException {
		return new PendingRegistration(rs.getString("device_id"), rs.getString("customer_id"),
				rs.getString("challenge"), SqlTime.read(rs, "expires_at"));
	}

}
