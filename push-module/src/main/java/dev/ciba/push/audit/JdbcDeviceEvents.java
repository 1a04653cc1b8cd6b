package dev.ciba.push.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.ciba.push.SqlTime;
import dev.ciba.push.audit.StoredDeviceEvent.Cursor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code device_event} table.
 */
@Repository
public class JdbcDeviceEvents implements DeviceEvents {

	private static final String COLUMNS = "id, occurred_at, customer_id, device_id, event_type, request_ref, reason";

	private static final Logger logger = LoggerFactory.getLogger(JdbcDeviceEvents.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate changeTransaction;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	public JdbcDeviceEvents(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.changeTransaction = new TransactionTemplate(transactionManager);
		this.changeTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	@Override
	public void record(DeviceEvent event) {
		if (event.type() != DeviceEventType.REFUSED) {
			// Consistency over availability: the event commits with the change or not at
			// all, and a failed insert fails the change.
			this.changeTransaction.executeWithoutResult((status) -> insert(event));
			return;
		}
		try {
			this.ownTransaction.executeWithoutResult((status) -> insert(event));
		}
		catch (DataAccessException ex) {
			// The call is refused either way; a trail that cannot be written must not
			// turn
			// the refusal into a server error. Operators see it here.
			logger.error("Could not record a refusal ({}) of device {}", event.reason(), event.deviceId(), ex);
		}
	}

	@Override
	public List<StoredDeviceEvent> recent(String customerId, @Nullable Cursor before, int limit) {
		if (limit < 1 || limit > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_PAGE_SIZE);
		}
		if (before == null) {
			return this.jdbc
				.sql("SELECT " + COLUMNS + " FROM device_event WHERE customer_id = ? "
						+ "ORDER BY occurred_at DESC, id DESC LIMIT ?")
				.params(customerId, limit)
				.query(JdbcDeviceEvents::map)
				.list();
		}
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM device_event WHERE customer_id = ? "
				+ "AND (occurred_at < ? OR (occurred_at = ? AND id < ?)) ORDER BY occurred_at DESC, id DESC LIMIT ?")
			.params(customerId, SqlTime.bind(before.occurredAt()), SqlTime.bind(before.occurredAt()), before.id(),
					limit)
			.query(JdbcDeviceEvents::map)
			.list();
	}

	private void insert(DeviceEvent event) {
		// Whole microseconds, as both databases store them, so that a cursor read back
		// compares equal.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		this.jdbc
			.sql("INSERT INTO device_event (occurred_at, customer_id, device_id, event_type, request_ref, reason) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(SqlTime.bind(now), event.customerId(), event.deviceId(), event.type().name(),
					event.requestReference(), event.reason())
			.update();
	}

	private static StoredDeviceEvent map(ResultSet rs, int row) throws SQLException {
		DeviceEvent event = new DeviceEvent(DeviceEventType.valueOf(rs.getString("event_type")),
				rs.getString("customer_id"), rs.getString("device_id"), rs.getString("request_ref"),
				rs.getString("reason"));
		return new StoredDeviceEvent(rs.getLong("id"), SqlTime.read(rs, "occurred_at"), event);
	}

}
