package dev.ciba.push.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.ciba.push.SqlTime;
import dev.ciba.push.api.DeviceDirectory.DeviceSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code device} table. Every state change is a conditional update whose row count
 * tells whether it happened.
 */
@Repository
public class DeviceRepository {

	/**
	 * The provider name stored for a device without a push token.
	 */
	public static final String NO_PROVIDER = "NONE";

	/**
	 * How precisely a device's last use is recorded (the portal shows it to the minute).
	 */
	public static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

	/**
	 * The provider assumed for a push token when the device names none.
	 */
	public static final String DEFAULT_PROVIDER = "FCM";

	private static final String COLUMNS = "id, customer_id, name, model, push_token, provider, public_key, "
			+ "key_algorithm, status, registered_at, last_used_at, protocol";

	private final JdbcClient jdbc;

	public DeviceRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<Device> findById(String deviceId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM device WHERE id = ?")
			.param(deviceId)
			.query(DeviceRepository::mapDevice)
			.optional();
	}

	/**
	 * The customer's active devices, most recently registered first.
	 */
	public List<Device> findActive(String customerId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM device WHERE customer_id = ? AND status = 'ACTIVE' "
					+ "ORDER BY registered_at DESC, id")
			.param(customerId)
			.query(DeviceRepository::mapDevice)
			.list();
	}

	public List<DeviceSummary> findActiveSummaries(String customerId) {
		return this.jdbc
			.sql("SELECT id, name, model, registered_at, last_used_at, push_token, push_token_stale_at, protocol "
					+ "FROM device WHERE customer_id = ? AND status = 'ACTIVE' ORDER BY registered_at DESC, id")
			.param(customerId)
			.query((rs, row) -> new DeviceSummary(rs.getString("id"), rs.getString("name"), rs.getString("model"),
					SqlTime.read(rs, "registered_at"), SqlTime.readNullable(rs, "last_used_at"),
					rs.getString("push_token") == null, SqlTime.readNullable(rs, "push_token_stale_at") != null,
					DeviceProtocol.valueOf(rs.getString("protocol")).generation()))
			.list();
	}

	/**
	 * Forgets a push token the provider no longer knows, if it is still the device's
	 * token (a new one may have come meanwhile), and records when. The device can still
	 * pull its pending requests.
	 * @return whether the token was marked stale
	 */
	public boolean markPushTokenStale(String deviceId, String pushToken, Instant now) {
		return this.jdbc
			.sql("UPDATE device SET push_token = NULL, push_token_stale_at = ?, version = version + 1 "
					+ "WHERE id = ? AND push_token = ?")
			.params(SqlTime.bind(now), deviceId, pushToken)
			.update() == 1;
	}

	/**
	 * Locks the customer's row until the transaction ends, so that checks over all of the
	 * customer's devices (how many are active) and the change they guard happen one
	 * transaction at a time. The row lives in the server's {@code customer} table, which
	 * every device row references.
	 * @return {@code false} if there is no such customer
	 */
	public boolean lockCustomer(String customerId) {
		return this.jdbc.sql("SELECT id FROM customer WHERE id = ? FOR UPDATE")
			.param(customerId)
			.query(String.class)
			.optional()
			.isPresent();
	}

	/**
	 * How many active devices the customer has.
	 */
	public int countActive(String customerId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM device WHERE customer_id = ? AND status = 'ACTIVE'")
			.param(customerId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Replaces the key of an active device, if it still has the key a token was verified
	 * with: of two rotations signed with the same key, only the first wins.
	 * @return {@code false} if the device is not active or its key changed meanwhile
	 */
	public boolean replaceKey(String deviceId, String currentKey, DevicePublicKey newKey) {
		int rows = this.jdbc
			.sql("UPDATE device SET public_key = ?, key_algorithm = ?, version = version + 1 "
					+ "WHERE id = ? AND status = 'ACTIVE' AND public_key = ?")
			.params(newKey.encoded(), newKey.type().jwsAlgorithm().getName(), deviceId, currentKey)
			.update();
		return rows == 1;
	}

	public void insert(NewDevice device, Instant now) {
		this.jdbc
			.sql("INSERT INTO device (id, customer_id, name, model, push_token, provider, public_key, key_algorithm, "
					+ "status, registered_at, protocol) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)")
			.params(device.id(), device.customerId(), device.name(), device.model(), device.pushToken(),
					device.provider(), device.publicKey().encoded(), device.publicKey().type().jwsAlgorithm().getName(),
					SqlTime.bind(now), device.protocol().name())
			.update();
	}

	/**
	 * Marks an active device of the customer removed and forgets its push token.
	 * @return {@code false} if the customer has no such active device
	 */
	public boolean markRemoved(String customerId, String deviceId, Instant now) {
		int rows = this.jdbc
			.sql("UPDATE device SET status = 'REMOVED', removed_at = ?, push_token = NULL, provider = ?, "
					+ "version = version + 1 WHERE id = ? AND customer_id = ? AND status = 'ACTIVE'")
			.params(SqlTime.bind(now), NO_PROVIDER, deviceId, customerId)
			.update();
		return rows == 1;
	}

	/**
	 * Replaces the push token of an active device ({@code null} makes it pull-only).
	 * @return {@code false} if the device is not active
	 */
	public boolean updatePushToken(String deviceId, @Nullable String pushToken, String provider) {
		int rows = this.jdbc
			.sql("UPDATE device SET push_token = ?, provider = ?, push_token_stale_at = NULL, version = version + 1 "
					+ "WHERE id = ? AND status = 'ACTIVE'")
			.params(pushToken, provider, deviceId)
			.update();
		return rows == 1;
	}

	/**
	 * Renames an active device.
	 * @return {@code false} if the device is not active
	 */
	public boolean updateName(String deviceId, String name) {
		int rows = this.jdbc.sql("UPDATE device SET name = ?, version = version + 1 WHERE id = ? AND status = 'ACTIVE'")
			.params(name, deviceId)
			.update();
		return rows == 1;
	}

	/**
	 * Renames an active device of the given customer.
	 * @return {@code false} if the customer has no such active device
	 */
	public boolean rename(String customerId, String deviceId, String name) {
		return this.jdbc
			.sql("UPDATE device SET name = ?, version = version + 1 "
					+ "WHERE id = ? AND customer_id = ? AND status = 'ACTIVE'")
			.params(name, deviceId, customerId)
			.update() == 1;
	}

	/**
	 * Records a use of the device (a pull, an answer) for the portal, at most once per
	 * {@link #LAST_USE_GRANULARITY}: phones may call often, so the device row just read
	 * tells whether a write is due, and the conditional update keeps nodes that record
	 * the same use at once to one write.
	 * @param device the device as read for this call
	 */
	public void recordUse(Device device, Instant now) {
		Instant lastUsed = device.lastUsedAt();
		Instant due = now.minus(LAST_USE_GRANULARITY);
		if (lastUsed != null && !lastUsed.isBefore(due)) {
			return;
		}
		this.jdbc.sql("UPDATE device SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
			.params(SqlTime.bind(now), device.id(), SqlTime.bind(due))
			.update();
	}

	/**
	 * Cancels the pushes still to be sent to a device (after it was removed).
	 */
	public int cancelPendingPushes(String deviceId) {
		return this.jdbc.sql("UPDATE push_outbox SET status = 'CANCELLED' WHERE device_id = ? AND status = 'PENDING'")
			.param(deviceId)
			.update();
	}

	private static Device mapDevice(ResultSet rs, int row) throws SQLException {
		return new Device(rs.getString("id"), rs.getString("customer_id"), rs.getString("name"), rs.getString("model"),
				rs.getString("push_token"), rs.getString("provider"), rs.getString("public_key"),
				DeviceKeyType.forJwsAlgorithm(rs.getString("key_algorithm")),
				DeviceStatus.valueOf(rs.getString("status")), SqlTime.read(rs, "registered_at"),
				SqlTime.readNullable(rs, "last_used_at"), DeviceProtocol.valueOf(rs.getString("protocol")));
	}

}
