package dev.ciba.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * One timed run of load threads: closed (each thread starts its next flow as soon as the
 * last ended, which finds the maximum throughput) or open (flows start at a fixed rate
 * whatever the server does, which shows latency at a given load). Measures the CPU the
 * server, the load generator and everything else on the machine used meanwhile.
 */
final class LoadRun {

	private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

	private final String name;

	private final long serverPid;

	private final String database;

	LoadRun(String name, long serverPid, String database) {
		this.name = name;
		this.serverPid = serverPid;
		this.database = database;
	}

	static long nextSequence() {
		return SEQUENCE.incrementAndGet();
	}

	/**
	 * Runs complete flows on {@code threads} threads for {@code seconds}; with
	 * {@code ratePerSecond} above 0 the flows start at that rate (open model), otherwise
	 * back to back (closed model).
	 */
	Map<String, Object> flows(IntFunction<Worker> workers, int threads, int seconds, double ratePerSecond)
			throws InterruptedException {
		AtomicLong started = new AtomicLong();
		long intervalNanos = (ratePerSecond > 0) ? (long) (1e9 / ratePerSecond) : 0;
		return run(workers, threads, seconds, (worker, recorder, startNanos, deadline) -> {
			while (true) {
				if (intervalNanos > 0) {
					long due = startNanos + started.getAndIncrement() * intervalNanos;
					if (due >= deadline) {
						return;
					}
					long wait = due - System.nanoTime();
					if (wait > 0) {
						LockSupport.parkNanos(wait);
					}
					else if (wait < -TimeUnit.MILLISECONDS.toNanos(10)) {
						recorder.count("started more than 10 ms late (the load threads could not keep up)");
					}
				}
				else if (System.nanoTime() >= deadline) {
					return;
				}
				attempt(() -> worker.flow(nextSequence(), recorder), recorder);
			}
		}, ratePerSecond);
	}

	/**
	 * Polls requests that nobody answers: each thread first starts {@code perThread}
	 * requests, then polls them round robin for {@code seconds}, back to back or at
	 * {@code ratePerSecond} polls per second in all. Steps: {@code poll} (every poll) and
	 * {@code poll <answer>} per kind of answer.
	 */
	Map<String, Object> pollStorm(IntFunction<Worker> workers, int threads, int perThread, int seconds,
			double ratePerSecond) throws InterruptedException {
		AtomicLong started = new AtomicLong();
		long intervalNanos = (ratePerSecond > 0) ? (long) (1e9 / ratePerSecond) : 0;
		return run(workers, threads, seconds, new Body() {

			@Override
			public void prepare(Worker worker, Recorder recorder, List<String> state) throws Exception {
				for (int i = 0; i < perThread; i++) {
					state.add(worker.startPending(nextSequence()));
				}
			}

			@Override
			public void run(Worker worker, Recorder recorder, long startNanos, long deadline, List<String> state)
					throws Exception {
				for (int i = 0;; i++) {
					if (intervalNanos > 0) {
						long due = startNanos + started.getAndIncrement() * intervalNanos;
						if (due >= deadline) {
							return;
						}
						long wait = due - System.nanoTime();
						if (wait > 0) {
							LockSupport.parkNanos(wait);
						}
					}
					else if (System.nanoTime() >= deadline) {
						return;
					}
					String authReqId = state.get(i % state.size());
					long before = System.nanoTime();
					String answer = worker.poll(authReqId);
					long took = System.nanoTime() - before;
					recorder.latencies("poll").record(took);
					recorder.latencies("poll " + answer).record(took);
					recorder.completed();
				}
			}

		}, ratePerSecond);
	}

	private static void attempt(Action action, Recorder recorder) {
		try {
			action.run();
		}
		catch (FlowFailure ex) {
			recorder.count(ex.kind());
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
		catch (Exception ex) {
			recorder.count(ex.getClass().getSimpleName());
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
	}

	private Map<String, Object> run(IntFunction<Worker> workers, int threads, int seconds, Loop loop,
			double ratePerSecond) throws InterruptedException {
		return run(workers, threads, seconds, new Body() {

			@Override
			public void prepare(Worker worker, Recorder recorder, List<String> state) {
			}

			@Override
			public void run(Worker worker, Recorder recorder, long startNanos, long deadline, List<String> state)
					throws Exception {
				loop.run(worker, recorder, startNanos, deadline);
			}

		}, ratePerSecond);
	}

	private Map<String, Object> run(IntFunction<Worker> workers, int threads, int seconds, Body body,
			double ratePerSecond) throws InterruptedException {
		List<Recorder> recorders = new ArrayList<>();
		List<Thread> running = new ArrayList<>();
		List<Worker> opened = new ArrayList<>();
		CountDownLatch prepared = new CountDownLatch(threads);
		CountDownLatch go = new CountDownLatch(1);
		long[] window = new long[2];
		for (int t = 0; t < threads; t++) {
			Worker worker = workers.apply(t);
			Recorder recorder = new Recorder();
			opened.add(worker);
			recorders.add(recorder);
			Thread thread = new Thread(() -> {
				List<String> state = new ArrayList<>();
				try {
					body.prepare(worker, recorder, state);
				}
				catch (Exception ex) {
					recorder.count("prepare " + ex);
				}
				finally {
					prepared.countDown();
				}
				try {
					go.await();
					body.run(worker, recorder, window[0], window[1], state);
				}
				catch (Exception ex) {
					recorder.count("thread ended: " + ex);
				}
			}, this.name + "-" + t);
			thread.setDaemon(true);
			running.add(thread);
			thread.start();
		}
		prepared.await();
		double serverBefore = ProcessStats.cpuSeconds(this.serverPid);
		double selfBefore = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
		double postgresBefore = ProcessStats.postgresCpuSeconds(this.database);
		long[] databaseBefore = DatabaseStats.read(this.database);
		Map<String, long[]> tablesBefore = DatabaseStats.tables(this.database);
		double[] machineBefore = ProcessStats.machineSeconds();
		long start = System.nanoTime();
		window[0] = start;
		window[1] = start + TimeUnit.SECONDS.toNanos(seconds);
		go.countDown();
		for (Thread thread : running) {
			thread.join(TimeUnit.SECONDS.toMillis(seconds + 60));
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		double serverCpu = ProcessStats.cpuSeconds(this.serverPid) - serverBefore;
		double selfCpu = ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - selfBefore;
		double postgresCpu = Math.max(0, ProcessStats.postgresCpuSeconds(this.database) - postgresBefore);
		long[] databaseAfter = DatabaseStats.read(this.database);
		Map<String, long[]> tablesAfter = DatabaseStats.tables(this.database);
		double[] machineAfter = ProcessStats.machineSeconds();
		double machineBusy = machineAfter[0] - machineBefore[0];
		opened.forEach(Worker::close);

		Recorder all = new Recorder();
		recorders.forEach(all::addAll);
		long completed = all.completedCount();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("name", this.name);
		result.put("threads", threads);
		result.put("target_rate_per_s", (ratePerSecond > 0) ? Latencies.round(ratePerSecond) : null);
		result.put("seconds", Latencies.round(elapsed));
		result.put("completed", completed);
		result.put("per_second", Latencies.round(completed / elapsed));
		result.put("steps", all.stepSummaries());
		result.put("events", all.counts());
		result.put("server_cpu_s", Latencies.round(serverCpu));
		result.put("loadgen_cpu_s", Latencies.round(selfCpu));
		result.put("postgres_cpu_s", Latencies.round(postgresCpu));
		result.put("other_cpu_s", Latencies.round(Math.max(0, machineBusy - serverCpu - selfCpu - postgresCpu)));
		result.put("machine_busy_cores", Latencies.round(machineBusy / elapsed));
		result.put("server_cpu_ms_per_op", (completed > 0) ? Latencies.round(serverCpu * 1000 / completed) : null);
		result.put("postgres_cpu_ms_per_op", (completed > 0) ? Latencies.round(postgresCpu * 1000 / completed) : null);
		result.put("loadgen_cpu_ms_per_op", (completed > 0) ? Latencies.round(selfCpu * 1000 / completed) : null);
		Map<String, Object> perOp = new LinkedHashMap<>();
		for (int i = 0; i < DatabaseStats.NAMES.length; i++) {
			perOp.put(DatabaseStats.NAMES[i], (completed > 0)
					? Latencies.round((databaseAfter[i] - databaseBefore[i]) / (double) completed) : null);
		}
		result.put("database_per_op", perOp);
		result.put("tables_per_op", tableWork(tablesBefore, tablesAfter, completed));
		result.put("server_rss_kib", ProcessStats.residentKib(this.serverPid));
		return result;
	}

	/**
	 * Rows inserted, updated, deleted and read per operation, for each table that saw
	 * any: where a flow's database work goes.
	 */
	private static Map<String, Object> tableWork(Map<String, long[]> before, Map<String, long[]> after,
			long completed) {
		Map<String, Object> tables = new LinkedHashMap<>();
		if (completed == 0) {
			return tables;
		}
		String[] names = { "inserted", "updated", "deleted", "read" };
		after.forEach((table, values) -> {
			long[] old = before.getOrDefault(table, new long[values.length]);
			Map<String, Object> perOp = new LinkedHashMap<>();
			for (int i = 0; i < names.length; i++) {
				double delta = (values[i] - old[i]) / (double) completed;
				if (delta > 0) {
					perOp.put(names[i], Latencies.round(delta));
				}
			}
			if (!perOp.isEmpty()) {
				tables.put(table, perOp);
			}
		});
		return tables;
	}

	@FunctionalInterface
	private interface Action {

		void run() throws Exception;

	}

	@FunctionalInterface
	private interface Loop {

		void run(Worker worker, Recorder recorder, long startNanos, long deadline) throws Exception;

	}

	private interface Body {

		void prepare(Worker worker, Recorder recorder, List<String> state) throws Exception;

		void run(Worker worker, Recorder recorder, long startNanos, long deadline, List<String> state) throws Exception;

	}

}
