package dev.ciba.server.ciba;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import dev.ciba.server.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay marks of request objects on PostgreSQL.
 */
class JdbcRequestObjectJtisIntegrationTests extends PostgresIntegrationTest {

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	@Autowired
	private JdbcRequestObjectJtis jtis;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void markUsedWhenTheHashIsNewThenMarkedAndASecondUseIsAReplay() {
		String hash = newHash();

		boolean first = this.jtis.markUsed(hash, T0.plusSeconds(360), T0);
		boolean replay = this.jtis.markUsed(hash, T0.plusSeconds(400), T0.plusSeconds(10));

		assertThat(first).isTrue();
		assertThat(replay).isFalse();
		assertThat(keptUntil(hash)).isEqualTo(T0.plusSeconds(360));
	}

	@Test
	void markUsedWhenTheOldMarkHasRunOutThenTakenOverOnce() {
		String hash = newHash();
		this.jtis.markUsed(hash, T0.plusSeconds(360), T0);

		boolean takenOver = this.jtis.markUsed(hash, T0.plusSeconds(1000), T0.plusSeconds(360));
		boolean replay = this.jtis.markUsed(hash, T0.plusSeconds(1100), T0.plusSeconds(370));

		assertThat(takenOver).isTrue();
		assertThat(replay).isFalse();
		assertThat(keptUntil(hash)).isEqualTo(T0.plusSeconds(1000));
	}

	@Test
	void deleteExpiredWhenMarksRanOutThenOnlyThoseAreDeleted() {
		String old = newHash();
		String current = newHash();
		this.jtis.markUsed(old, T0.minusSeconds(1), T0.minusSeconds(300));
		this.jtis.markUsed(current, T0.plusSeconds(300), T0);

		this.jtis.deleteExpired(T0);

		assertThat(this.jdbc.sql("SELECT jti_hash FROM request_object_jti WHERE jti_hash IN (?, ?)")
			.params(old, current)
			.query(String.class)
			.list()).containsExactly(current);
	}

	private Instant keptUntil(String hash) {
		return this.jdbc.sql("SELECT expires_at FROM request_object_jti WHERE jti_hash = ?")
			.param(hash)
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	private static String newHash() {
		return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
	}

}
