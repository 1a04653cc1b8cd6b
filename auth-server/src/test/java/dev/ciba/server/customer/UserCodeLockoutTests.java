package dev.ciba.server.customer;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class UserCodeLockoutTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private final UserCodeLockout lockout = new UserCodeLockout(5, Duration.ofMinutes(15));

	@Test
	void afterFailureWhenBelowTheLimitThenCountsWithoutLocking() {
		UserCodeAttempts attempts = this.lockout.afterFailure(new UserCodeAttempts(3, null), NOW);

		assertThat(attempts).isEqualTo(new UserCodeAttempts(4, null));
		assertThat(this.lockout.isLocked(attempts, NOW)).isFalse();
	}

	@Test
	void afterFailureWhenTheFifthWrongCodeThenLocksForFifteenMinutesAndStartsTheCountAgain() {
		UserCodeAttempts attempts = this.lockout.afterFailure(new UserCodeAttempts(4, null), NOW);

		assertThat(attempts).isEqualTo(new UserCodeAttempts(0, Instant.parse("2026-12-01T10:15:00Z")));
	}

	@Test
	void isLockedWhenBeforeTheEndThenLockedAndFromTheEndOnThenNot() {
		UserCodeAttempts locked = new UserCodeAttempts(0, Instant.parse("2026-12-01T10:15:00Z"));

		assertThat(this.lockout.isLocked(locked, NOW)).isTrue();
		assertThat(this.lockout.isLocked(locked, Instant.parse("2026-12-01T10:14:59.999Z"))).isTrue();
		assertThat(this.lockout.isLocked(locked, Instant.parse("2026-12-01T10:15:00Z"))).isFalse();
		assertThat(this.lockout.isLocked(UserCodeAttempts.NONE, NOW)).isFalse();
	}

	@Test
	void afterFailureWhenAPastLockIsStoredThenCountsFromTheStoredCountAndDropsTheLock() {
		UserCodeAttempts attempts = this.lockout
			.afterFailure(new UserCodeAttempts(0, Instant.parse("2026-12-01T09:59:00Z")), NOW);

		assertThat(attempts).isEqualTo(new UserCodeAttempts(1, null));
	}

	@Test
	void afterFailureWhenLockedThenRefuses() {
		UserCodeAttempts locked = new UserCodeAttempts(0, NOW.plusSeconds(1));

		assertThatIllegalStateException().isThrownBy(() -> this.lockout.afterFailure(locked, NOW));
	}

	@Test
	void afterFailureWhenTheLimitIsOneThenTheFirstWrongCodeLocks() {
		UserCodeLockout strict = new UserCodeLockout(1, Duration.ofSeconds(30));

		assertThat(strict.afterFailure(UserCodeAttempts.NONE, NOW))
			.isEqualTo(new UserCodeAttempts(0, NOW.plusSeconds(30)));
	}

	@Test
	void constructorWhenSettingsMakeNoSenseThenRefusesToStart() {
		assertThatIllegalStateException().isThrownBy(() -> new UserCodeLockout(0, Duration.ofMinutes(15)))
			.withMessage("ciba.user-code.max-failures must be at least 1");
		assertThatIllegalStateException().isThrownBy(() -> new UserCodeLockout(5, Duration.ZERO))
			.withMessage("ciba.user-code.lockout must be a positive duration");
	}

}
