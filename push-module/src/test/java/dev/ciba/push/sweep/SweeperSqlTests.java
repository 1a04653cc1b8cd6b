package dev.ciba.push.sweep;

import java.time.Duration;
import java.time.Instant;

import dev.ciba.push.SqlTestBase;
import dev.ciba.push.SqlTime;
import dev.ciba.push.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweeper against a real database.
 */
abstract class SweeperSqlTests extends SqlTestBase {

	@Test
	void sweepWhenRegistrationsAndReplayRecordsExpiredThenOnlyThoseDeleted() {
		this.fixture.customers.add("cust-alice", "alice", true);
		String expired = this.fixture.registrations.open("cust-alice").deviceId();
		this.fixture.clock.advance(Duration.ofSeconds(100));
		String open = this.fixture.registrations.open("cust-alice").deviceId();
		Instant now = this.fixture.clock.instant();
		addReplay("old", now.minusSeconds(1));
		addReplay("new", now.plusSeconds(120));
		this.fixture.clock.advance(Duration.ofSeconds(80));

		int deleted = this.fixture.sweeper.sweep();

		assertThat(deleted).isEqualTo(2);
		assertThat(this.fixture.jdbc.sql("SELECT device_id FROM device_registration").query(String.class).list())
			.containsExactly(open)
			.doesNotContain(expired);
		assertThat(this.fixture.jdbc.sql("SELECT jti_hash FROM device_jwt_replay").query(String.class).list())
			.containsExactly("new");
	}

	@Test
	void sweepWhenPushAuthExpiredLongerThanRetentionThenDeletedWithItsRows() {
		this.fixture.customers.add("cust-alice", "alice", true);
		this.fixture.registerDevice("cust-alice", TestKeys.EC_P256, "fcm");
		String old = this.fixture.start("cust-alice").pushAuthId();
		this.fixture.dispatcher.dispatchDue();
		this.fixture.clock.advance(Duration.ofHours(1));
		String recent = this.fixture.start("cust-alice").pushAuthId();
		this.fixture.clock.advance(Duration.ofHours(24).minusMinutes(30));

		this.fixture.sweeper.sweep();

		assertThat(this.fixture.jdbc.sql("SELECT id FROM push_auth").query(String.class).list()).containsExactly(recent)
			.doesNotContain(old);
		assertThat(this.fixture.count("push_auth_device")).isEqualTo(1);
		assertThat(this.fixture.count("push_outbox")).isEqualTo(1);
		assertThat(this.fixture.count("push_attempt")).isZero();
		assertThat(this.fixture.count("device")).isEqualTo(1);
	}

	@Test
	void sweepWhenMoreRowsThanOneBatchThenAllDeleted() {
		Instant past = this.fixture.clock.instant().minusSeconds(1);
		for (int i = 0; i < 1203; i++) {
			addReplay("hash-" + i, past);
		}

		assertThat(this.fixture.sweeper.sweep()).isEqualTo(1203);
		assertThat(this.fixture.count("device_jwt_replay")).isZero();
	}

	@Test
	void sweepWhenDeviceEventsOlderThanTheAuditRetentionThenOnlyThoseDeleted() {
		Instant now = this.fixture.clock.instant();
		addEvent(now.minus(Duration.ofDays(90)).minusSeconds(1));
		addEvent(now.minus(Duration.ofDays(90)));
		addEvent(now.minus(Duration.ofDays(89)));

		this.fixture.sweeper.sweep();

		assertThat(this.fixture.jdbc.sql("SELECT occurred_at FROM device_event ORDER BY occurred_at")
			.query((rs, n) -> SqlTime.read(rs, "occurred_at"))
			.list()).containsExactly(now.minus(Duration.ofDays(89)));
	}

	@Test
	void sweepWhenMoreDeviceEventsThanOneBatchThenAllOldOnesDeleted() {
		Instant old = this.fixture.clock.instant().minus(Duration.ofDays(91));
		for (int i = 0; i < 1203; i++) {
			addEvent(old.plusSeconds(i));
		}

		assertThat(this.fixture.sweeper.sweep()).isEqualTo(1203);
		assertThat(this.fixture.count("device_event")).isZero();
	}

	private void addEvent(Instant occurredAt) {
		this.fixture.jdbc
			.sql("INSERT INTO device_event (occurred_at, customer_id, device_id, event_type) "
					+ "VALUES (?, 'cust-alice', 'device-1', 'UPDATED')")
			.param(SqlTime.bind(occurredAt))
			.update();
	}

	private void addReplay(String hash, Instant expiresAt) {
		this.fixture.jdbc.sql("INSERT INTO device_jwt_replay (jti_hash, expires_at) VALUES (?, ?)")
			.params(hash, SqlTime.bind(expiresAt))
			.update();
	}

}
