package dev.ciba.server.customer;

import java.time.Duration;
import java.time.Instant;

/**
 * The lock-out arithmetic of user codes: after {@code maxFailures} wrong codes in a row a
 * customer's user code is locked for {@code duration}; during the lock no code is
 * compared, and when it ends the count starts again from zero. A right code resets the
 * count.
 */
final class UserCodeLockout {

	private final int maxFailures;

	private final Duration duration;

	/**
	 * @throws IllegalStateException when the settings make no sense (checked at start-up)
	 */
	UserCodeLockout(int maxFailures, Duration duration) {
		if (maxFailures < 1) {
			throw new IllegalStateException("ciba.user-code.max-failures must be at least 1");
		}
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalStateException("ciba.user-code.lockout must be a positive duration");
		}
		this.maxFailures = maxFailures;
		this.duration = duration;
	}

	/**
	 * Whether the code is locked at the given time.
	 */
	boolean isLocked(UserCodeAttempts attempts, Instant now) {
		return attempts.lockedUntil() != null && now.isBefore(attempts.lockedUntil());
	}

	/**
	 * The state after one more wrong code at the given time: the count grows, and the
	 * code is locked from now on when it reaches the limit (the count then starts again).
	 * @throws IllegalStateException when the code is locked: nothing may be tried then
	 */
	UserCodeAttempts afterFailure(UserCodeAttempts attempts, Instant now) {
		if (isLocked(attempts, now)) {
			throw new IllegalStateException("A locked user code cannot be tried");
		}
		int failures = attempts.failures() + 1;
		if (failures >= this.maxFailures) {
			return new UserCodeAttempts(0, now.plus(this.duration));
		}
		return new UserCodeAttempts(failures, null);
	}

}
