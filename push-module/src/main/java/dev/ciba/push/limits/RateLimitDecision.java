package dev.ciba.push.limits;

import java.time.Duration;

/**
 * Whether an attempt is within its limit.
 *
 * @param allowed whether it is
 * @param retryAfter when it is not, how long until the window ends (whole seconds, at
 * least one); zero when it is
 */
public record RateLimitDecision(boolean allowed, Duration retryAfter) {

	static RateLimitDecision admitted() {
		return new RateLimitDecision(true, Duration.ZERO);
	}

	static RateLimitDecision limited(Duration retryAfter) {
		return new RateLimitDecision(false, retryAfter);
	}

	/**
	 * The {@code Retry-After} header value (RFC 9110 §10.2.3): seconds.
	 */
	public String retryAfterHeader() {
		return Long.toString(this.retryAfter.toSeconds());
	}

}
