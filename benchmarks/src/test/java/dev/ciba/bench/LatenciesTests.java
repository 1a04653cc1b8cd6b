package dev.ciba.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTests {

	@Test
	void percentileMillisWhenHundredValuesThenNearestRank() {
		Latencies latencies = new Latencies();
		for (int millis = 100; millis >= 1; millis--) {
			latencies.record(millis * 1_000_000L);
		}

		assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
		assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
		assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
	}

	@Test
	void addAllWhenMergingThreadsThenCountsEveryValue() {
		Latencies one = new Latencies();
		Latencies other = new Latencies();
		for (int i = 0; i < 3000; i++) {
			one.record(1_000_000L);
			other.record(3_000_000L);
		}

		one.addAll(other);

		assertThat(one.count()).isEqualTo(6000);
		assertThat(one.percentileMillis(50)).isEqualTo(1.0);
		assertThat(one.percentileMillis(51)).isEqualTo(3.0);
	}

	@Test
	void summaryWhenNothingRecordedThenNaN() {
		assertThat(new Latencies().summary()).containsEntry("count", 0);
		assertThat(new Latencies().percentileMillis(99)).isNaN();
	}

}
