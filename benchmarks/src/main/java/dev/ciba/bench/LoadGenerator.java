package dev.ciba.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import dev.ciba.simulator.KeyType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load generator: runs the whole measured sequence against one running server and
 * writes everything it saw to a JSON file that {@link Report} turns into the results
 * table. The sequence, the same for both servers:
 * <ol>
 * <li>set-up: our server gets one registered phone per customer; Keycloak's users each
 * get one flow first, one at a time (Keycloak stores a consent on a user's first token,
 * and concurrent first tokens for one user leave duplicate rows that fail every later
 * token request of that user);</li>
 * <li>warm-up: complete flows, closed model, for {@code --warmup-seconds}; then the
 * server's resident memory;</li>
 * <li>{@code --runs} measured runs of complete flows, closed model; their median
 * throughput is the maximum;</li>
 * <li>one run at half that maximum, open model: latency at half load;</li>
 * <li>our server only: flows of a ping-mode client, for device answer to ping;</li>
 * <li>poll storm: pending requests polled back to back, {@code --runs} times, then at
 * half the median poll rate.</li>
 * </ol>
 */
public final class LoadGenerator {

	private LoadGenerator() {
	}

	public static void main(String[] args) throws Exception {
		Options options = new Options(args);
		String target = options.required("target");
		String baseUrl = options.required("base-url");
		long serverPid = options.longNumber("server-pid", 0);
		String database = options.text("database", "");
		int threads = options.number("threads", 32);
		int warmupSeconds = options.number("warmup-seconds", 60);
		int runSeconds = options.number("run-seconds", 20);
		int runs = options.number("runs", 3);
		int stormThreads = options.number("storm-threads", 16);
		int stormPerThread = options.number("storm-requests-per-thread", 16);
		int stormSeconds = options.number("storm-seconds", 10);
		Path out = Path.of(options.required("out"));

		Map<String, Object> results = new LinkedHashMap<>();
		results.put("target", target);
		results.put("base_url", baseUrl);
		results.put("threads", threads);
		results.put("loadgen_java", Runtime.version().toString());

		OurServer ours = null;
		KeycloakServer keycloak = null;
		PingReceiver pings = null;
		try {
			IntFunction<Worker> workers;
			if (target.equals("ours")) {
				KeyType keyType = KeyType.fromName(options.text("device-key", "EC"));
				results.put("device_key", keyType.name());
				ours = new OurServer(baseUrl, keyType);
				log("registering " + options.number("customers", 64) + " phones through the portal");
				ours.registerPhones(options.number("customers", 64));
				workers = ours::pollWorker;
			}
			else if (target.equals("keycloak")) {
				keycloak = new KeycloakServer(baseUrl, options.text("realm", "ciba-bench"),
						new ClientCredentials(options.required("client-id"), options.required("client-secret")),
						options.number("users", 64), options.number("stub-port", 18089));
				log("one first flow per user, one at a time");
				for (int user = 0; user < options.number("users", 64); user++) {
					try (Worker worker = keycloak.worker(user)) {
						worker.flow(LoadRun.nextSequence(), new Recorder());
					}
				}
				workers = keycloak::worker;
			}
			else {
				throw new IllegalArgumentException("--target must be ours or keycloak");
			}

			log("warm-up: " + warmupSeconds + " s of flows on " + threads + " threads");
			results.put("warmup", new LoadRun("warmup", serverPid, database).flows(workers, threads, warmupSeconds, 0));
			results.put("rss_after_warmup_kib", ProcessStats.residentKib(serverPid));

			List<Map<String, Object>> measured = new ArrayList<>();
			for (int run = 1; run <= runs; run++) {
				log("flows, run " + run + " of " + runs);
				measured.add(new LoadRun("flows-" + run, serverPid, database).flows(workers, threads, runSeconds, 0));
			}
			results.put("flow_runs", measured);
			Map<String, Object> median = median(measured);
			results.put("flow_median", median);
			double half = ((Number) median.get("per_second")).doubleValue() / 2;

			log("flows at half the maximum: " + Math.round(half) + " per second");
			results.put("flow_half_load",
					new LoadRun("flows-half", serverPid, database).flows(workers, threads, runSeconds, half));

			if (ours != null && options.number("ping-port", 0) > 0) {
				pings = new PingReceiver(options.number("ping-port", 0));
				OurServer pingServer = ours;
				PingReceiver receiver = pings;
				int pingThreads = options.number("ping-threads", 4);
				log("ping mode: " + pingThreads + " threads");
				results.put("ping",
						new LoadRun("ping", serverPid, database).flows(
								(index) -> pingServer.pingWorker(index, receiver), pingThreads,
								options.number("ping-seconds", 15), 0));
			}

			List<Map<String, Object>> storms = new ArrayList<>();
			for (int run = 1; run <= runs; run++) {
				log("poll storm, run " + run + " of " + runs);
				storms.add(new LoadRun("storm-" + run, serverPid, database).pollStorm(workers, stormThreads,
						stormPerThread, stormSeconds, 0));
			}
			results.put("storm_runs", storms);
			Map<String, Object> stormMedian = median(storms);
			results.put("storm_median", stormMedian);
			double halfPolls = ((Number) stormMedian.get("per_second")).doubleValue() / 2;
			log("poll storm at half the maximum: " + Math.round(halfPolls) + " polls per second");
			results.put("storm_half_load", new LoadRun("storm-half", serverPid, database).pollStorm(workers,
					stormThreads, stormPerThread, stormSeconds, halfPolls));
			results.put("rss_at_end_kib", ProcessStats.residentKib(serverPid));
		}
		finally {
			if (pings != null) {
				pings.close();
			}
			if (keycloak != null) {
				keycloak.close();
			}
		}
		JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(out, mapper.writeValueAsString(results));
		log("results written to " + out);
	}

	/**
	 * The run of median throughput.
	 */
	static Map<String, Object> median(List<Map<String, Object>> runs) {
		List<Map<String, Object>> sorted = new ArrayList<>(runs);
		sorted.sort(Comparator.comparingDouble((run) -> ((Number) run.get("per_second")).doubleValue()));
		return sorted.get(sorted.size() / 2);
	}

	static void log(String message) {
		System.out.println("[loadgen " + LocalTime.now().withNano(0) + "] " + message);
	}

}
