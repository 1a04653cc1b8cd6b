package dev.ciba.server.customer;

import java.time.Instant;

/**
 * The attempts state of a customer's user code.
 *
 * @param failures wrong codes in a row since the last right code or the last lock-out
 * @param lockedUntil until when the code is locked, or {@code null}; a time in the past
 * means no lock
 */
record UserCodeAttempts(int failures, Instant lockedUntil) {

	/** No wrong code yet, no lock. */
	static final UserCodeAttempts NONE = new UserCodeAttempts(0, null);

}
