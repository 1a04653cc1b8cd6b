package dev.ciba.push.limits;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The window arithmetic of fixed windows.
 */
class RateLimitTest {

	private static final RateLimit PER_MINUTE = new RateLimit("ciba-request", 10, Duration.ofMinutes(1));

	private static final RateLimit PER_TEN_MINUTES = new RateLimit("device-bad-signature", 5, Duration.ofMinutes(10));

	@Test
	void windowStartWhenInsideAMinuteThenTheMinuteStarts() {
		Instant now = Instant.parse("2026-03-02T09:00:59.999Z");

		assertThat(PER_MINUTE.windowStart(now)).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
		assertThat(PER_MINUTE.windowEnd(now)).isEqualTo(Instant.parse("2026-03-02T09:01:00Z"));
	}

	@Test
	void windowStartWhenExactlyOnTheBoundaryThenTheNewWindow() {
		Instant now = Instant.parse("2026-03-02T09:10:00Z");

		assertThat(PER_TEN_MINUTES.windowStart(now)).isEqualTo(now);
		assertThat(PER_TEN_MINUTES.windowStart(now.minusNanos(1))).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
	}

	@Test
	void windowStartWhenWindowDoesNotDivideAnHourThenAlignedToTheEpoch() {
		RateLimit sevenSeconds = new RateLimit("odd", 1, Duration.ofSeconds(7));
		Instant now = Instant.ofEpochSecond(7 * 1000 + 3);

		assertThat(sevenSeconds.windowStart(now)).isEqualTo(Instant.ofEpochSecond(7000));
		assertThat(sevenSeconds.windowEnd(now)).isEqualTo(Instant.ofEpochSecond(7007));
	}

	@Test
	void windowStartWhenBeforeTheEpochThenRoundedDown() {
		Instant now = Instant.ofEpochSecond(-1);

		assertThat(PER_MINUTE.windowStart(now)).isEqualTo(Instant.ofEpochSecond(-60));
	}

	@Test
	void retryAfterWhenPartOfASecondLeftThenRoundedUp() {
		assertThat(PER_MINUTE.retryAfter(Instant.parse("2026-03-02T09:00:20.400Z"))).isEqualTo(Duration.ofSeconds(40));
		assertThat(PER_MINUTE.retryAfter(Instant.parse("2026-03-02T09:00:20Z"))).isEqualTo(Duration.ofSeconds(40));
	}

	@Test
	void retryAfterWhenWindowJustStartedThenTheWholeWindow() {
		assertThat(PER_TEN_MINUTES.retryAfter(Instant.parse("2026-03-02T09:10:00Z"))).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void retryAfterWhenWindowAboutToEndThenAtLeastOneSecond() {
		assertThat(PER_MINUTE.retryAfter(Instant.parse("2026-03-02T09:00:59.999999Z")))
			.isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void constructorWhenBucketOrLimitOrWindowInvalidThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimit("Upper", 1, Duration.ofMinutes(1)))
			.withMessage("bucket must be 1 to 32 of a-z, 0-9 and '-'");
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimit("b", 0, Duration.ofMinutes(1)))
			.withMessage("b: the limit must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimit("b", 1, Duration.ofMillis(1500)))
			.withMessage("b: the window must be a positive number of whole seconds");
		assertThatIllegalArgumentException().isThrownBy(() -> new RateLimit("b", 1, Duration.ZERO))
			.withMessage("b: the window must be a positive number of whole seconds");
	}

	@Test
	void retryAfterHeaderWhenLimitedThenWholeSeconds() {
		assertThat(RateLimitDecision.limited(Duration.ofSeconds(42)).retryAfterHeader()).isEqualTo("42");
	}

}
