package dev.ciba.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The durations of one step of a flow, recorded by many threads. Each thread records into
 * an instance of its own and the run merges them, so recording costs an array store, not
 * a lock.
 */
final class Latencies {

	private long[] nanos = new long[1024];

	private int count;

	void record(long durationNanos) {
		if (this.count == this.nanos.length) {
			this.nanos = Arrays.copyOf(this.nanos, this.count * 2);
		}
		this.nanos[this.count++] = durationNanos;
	}

	void addAll(Latencies other) {
		for (int i = 0; i < other.count; i++) {
			record(other.nanos[i]);
		}
	}

	int count() {
		return this.count;
	}

	/**
	 * The percentile by the nearest-rank method, in milliseconds; {@code NaN} when
	 * nothing was recorded.
	 */
	double percentileMillis(double percentile) {
		if (this.count == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(this.nanos, this.count);
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percentile / 100.0 * this.count);
		return sorted[Math.max(0, Math.min(this.count - 1, rank - 1))] / 1e6;
	}

	/**
	 * Count, p50, p95, p99 and max, for the results file.
	 */
	Map<String, Object> summary() {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("count", this.count);
		summary.put("p50", round(percentileMillis(50)));
		summary.put("p95", round(percentileMillis(95)));
		summary.put("p99", round(percentileMillis(99)));
		summary.put("max", round(percentileMillis(100)));
		return summary;
	}

	static double round(double value) {
		return Double.isNaN(value) ? value : Math.round(value * 1000.0) / 1000.0;
	}

}
