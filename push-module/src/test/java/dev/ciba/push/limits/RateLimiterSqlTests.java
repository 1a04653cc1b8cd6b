package dev.ciba.push.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.SqlTime;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limiter against a real database: counts per key and window, limits that hold
 * across nodes, and the sweep of ended windows.
 */
abstract class RateLimiterSqlTests extends SqlTestBase {

	private static final RateLimit FIVE_PER_MINUTE = new RateLimit("test-bucket", 5, Duration.ofMinutes(1));

	@Test
	void acquireWhenUnderTheLimitThenAdmittedAndCounted() {
		List<Boolean> admitted = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			admitted.add(this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice").allowed());
		}

		assertThat(admitted).containsExactly(true, true, true, true, true, false, false);
		assertThat(this.fixture.jdbc.sql("SELECT hits FROM rate_limit").query(Integer.class).single()).isEqualTo(5);
	}

	@Test
	void acquireWhenLimitedThenRetryAfterIsTheRestOfTheWindow() {
		this.fixture.clock.set(Instant.parse("2026-03-02T09:00:20.250Z"));
		for (int i = 0; i < 5; i++) {
			this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice");
		}

		RateLimitDecision decision = this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice");

		assertThat(decision.allowed()).isFalse();
		assertThat(decision.retryAfter()).isEqualTo(Duration.ofSeconds(40));
	}

	@Test
	void acquireWhenNextWindowStartsThenCountedAfresh() {
		for (int i = 0; i < 5; i++) {
			this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice");
		}
		this.fixture.clock.advance(Duration.ofMinutes(1));

		assertThat(this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice").allowed()).isTrue();
		assertThat(this.fixture.count("rate_limit")).isEqualTo(2);
	}

	@Test
	void acquireWhenOtherKeyOrOtherBucketThenCountedApart() {
		RateLimit otherBucket = new RateLimit("other-bucket", 5, Duration.ofMinutes(1));
		for (int i = 0; i < 5; i++) {
			this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice");
		}

		assertThat(this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-bob").allowed()).isTrue();
		assertThat(this.fixture.limiter.acquire(otherBucket, "cust-alice").allowed()).isTrue();
		assertThat(this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice").allowed()).isFalse();
	}

	@Test
	void acquireWhenStoredThenKeyOnlyAsItsHashAndWindowAligned() {
		this.fixture.clock.set(Instant.parse("2026-03-02T09:00:42Z"));

		this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice");

		List<String> row = this.fixture.jdbc
			.sql("SELECT bucket, key_hash, window_start, window_end, hits FROM rate_limit")
			.query((rs, n) -> List.of(rs.getString("bucket"), rs.getString("key_hash"),
					SqlTime.read(rs, "window_start").toString(), SqlTime.read(rs, "window_end").toString(),
					rs.getString("hits")))
			.single();
		assertThat(row).containsExactly("test-bucket", RateLimiter.keyHash("cust-alice"), "2026-03-02T09:00:00Z",
				"2026-03-02T09:01:00Z", "1");
		assertThat(RateLimiter.keyHash("cust-alice")).matches("[A-Za-z0-9_-]{43}").doesNotContain("alice");
	}

	@Test
	void checkWhenUnderOrAtTheLimitThenCountsNothing() {
		for (int i = 0; i < 4; i++) {
			this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice");
		}

		assertThat(this.fixture.limiter.check(FIVE_PER_MINUTE, "cust-alice").allowed()).isTrue();
		assertThat(this.fixture.limiter.check(FIVE_PER_MINUTE, "cust-alice").allowed()).isTrue();
		this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice");
		assertThat(this.fixture.limiter.check(FIVE_PER_MINUTE, "cust-alice").allowed()).isFalse();
		assertThat(this.fixture.limiter.check(FIVE_PER_MINUTE, "nobody").allowed()).isTrue();
		assertThat(this.fixture.jdbc.sql("SELECT SUM(hits) FROM rate_limit").query(Integer.class).single())
			.isEqualTo(5);
	}

	@Test
	void acquireWhenInsideTheCallersTransactionThatRollsBackThenStillCounted() {
		new TransactionTemplate(this.fixture.transactionManager).executeWithoutResult((status) -> {
			this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice");
			status.setRollbackOnly();
		});

		assertThat(this.fixture.jdbc.sql("SELECT hits FROM rate_limit").query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void acquireWhenTwoNodesRaceOnOneKeyThenExactlyTheLimitAdmitted() throws Exception {
		try (HikariDataSource otherPool = this.fixture.database.otherNodePool()) {
			RateLimiter otherNode = new RateLimiter(JdbcClient.create(otherPool),
					new DataSourceTransactionManager(otherPool), this.fixture.clock);
			List<Callable<Boolean>> attempts = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				RateLimiter node = (i % 2 == 0) ? this.fixture.limiter : otherNode;
				attempts.add(() -> node.acquire(FIVE_PER_MINUTE, "cust-alice").allowed());
			}

			List<Object> outcomes = race(attempts);

			assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome).isInstanceOf(Boolean.class));
			assertThat(outcomes).filteredOn(Boolean.TRUE::equals).hasSize(5);
			assertThat(this.fixture.jdbc.sql("SELECT hits FROM rate_limit").query(Integer.class).single()).isEqualTo(5);
		}
	}

	@Test
	void sweepWhenWindowsEndedThenTheirRowsDeleted() {
		RateLimit perHour = new RateLimit("hourly", 5, Duration.ofHours(1));
		this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice");
		this.fixture.limiter.acquire(perHour, "cust-alice");
		this.fixture.clock.advance(Duration.ofMinutes(1));
		this.fixture.limiter.acquire(FIVE_PER_MINUTE, "cust-alice");

		this.fixture.sweeper.sweep();

		assertThat(this.fixture.jdbc.sql("SELECT bucket || ' ' || hits FROM rate_limit ORDER BY bucket")
			.query(String.class)
			.list()).containsExactly("hourly 1", "test-bucket 1");
		assertThat(this.fixture.limiter.check(FIVE_PER_MINUTE, "cust-alice").allowed()).isTrue();
	}

}
