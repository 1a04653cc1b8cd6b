package dev.ciba.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one load thread saw during one run: the duration of each step of each flow, the
 * flows that completed, and the failures by kind. A run merges the recorders of its
 * threads.
 */
final class Recorder {

	private final Map<String, Latencies> steps = new LinkedHashMap<>();

	private final Map<String, Integer> counts = new TreeMap<>();

	private long completed;

	/**
	 * Records the time from {@code since} to now as one duration of the step.
	 * @return now, in {@link System#nanoTime()} units, to time the next step from
	 */
	long step(String name, long since) {
		long now = System.nanoTime();
		latencies(name).record(now - since);
		return now;
	}

	Latencies latencies(String name) {
		return this.steps.computeIfAbsent(name, (key) -> new Latencies());
	}

	void completed() {
		this.completed++;
	}

	/**
	 * Counts an event by kind: a failure, a retry, an answer of some kind.
	 */
	void count(String kind) {
		this.counts.merge(kind, 1, Integer::sum);
	}

	long completedCount() {
		return this.completed;
	}

	Map<String, Integer> counts() {
		return this.counts;
	}

	Map<String, Latencies> steps() {
		return this.steps;
	}

	void addAll(Recorder other) {
		other.steps.forEach((name, latencies) -> latencies(name).addAll(latencies));
		other.counts.forEach((kind, count) -> this.counts.merge(kind, count, Integer::sum));
		this.completed += other.completed;
	}

	Map<String, Object> stepSummaries() {
		Map<String, Object> summaries = new LinkedHashMap<>();
		this.steps.forEach((name, latencies) -> summaries.put(name, latencies.summary()));
		return summaries;
	}

}
