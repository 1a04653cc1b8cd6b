package dev.ciba.push.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A limit: at most {@code maxHits} attempts per key in each fixed window of time.
 * <p>
 * Windows are fixed, not sliding: they are aligned to the epoch ({@code [k·w, (k+1)·w)}
 * for a window of {@code w} seconds), and a window's count starts at zero. That needs one
 * row per key and window and one conditional update per attempt, and every node computes
 * the same window without talking to the others. The price: a caller who spends the limit
 * at the end of one window and again at the start of the next gets up to twice the limit
 * within one window's length.
 *
 * @param bucket the name of the limit, stored with every count ({@code a-z}, digits,
 * {@code -}; at most 32 characters)
 * @param maxHits the attempts admitted per key and window
 * @param window the length of a window, whole seconds
 */
public record RateLimit(String bucket, int maxHits, Duration window) {

	private static final Pattern BUCKET = Pattern.compile("[a-z0-9-]{1,32}");

	public RateLimit {
		if (bucket == null || !BUCKET.matcher(bucket).matches()) {
			throw new IllegalArgumentException("bucket must be 1 to 32 of a-z, 0-9 and '-'");
		}
		if (maxHits < 1) {
			throw new IllegalArgumentException(bucket + ": the limit must be at least 1");
		}
		if (window == null || window.toSeconds() < 1 || window.toNanosPart() != 0) {
			throw new IllegalArgumentException(bucket + ": the window must be a positive number of whole seconds");
		}
	}

	/**
	 * The start of the window that holds {@code now}.
	 */
	public Instant windowStart(Instant now) {
		long seconds = this.window.toSeconds();
		return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), seconds) * seconds);
	}

	/**
	 * The end (exclusive) of the window that holds {@code now}: when its count no longer
	 * matters.
	 */
	public Instant windowEnd(Instant now) {
		return windowStart(now).plus(this.window);
	}

	/**
	 * How long a refused caller should wait at {@code now}: until the window ends, in
	 * whole seconds rounded up, at least one (the unit of HTTP's {@code Retry-After}).
	 */
	public Duration retryAfter(Instant now) {
		Duration left = Duration.between(now, windowEnd(now));
		long seconds = left.toSeconds() + ((left.toNanosPart() > 0) ? 1 : 0);
		return Duration.ofSeconds(Math.max(1, seconds));
	}

}
