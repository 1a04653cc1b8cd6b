package dev.ciba.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the load generator's JSON files (ours, Keycloak's), JMH's JSON and the start-up
 * times into the Markdown results table: our figure, Keycloak's, the ratio, and each
 * target of the benchmark met or missed.
 */
public final class Report {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final String SIGN_BENCHMARK = "dev.ciba.bench.TokenSignatureBenchmark.signAccessTokenRs256";

	private static final String VERIFY_BENCHMARK = "dev.ciba.bench.TokenSignatureBenchmark.verifyDeviceAnswerEs256";

	private final StringBuilder md = new StringBuilder();

	private final JsonNode ours;

	private final @Nullable JsonNode keycloak;

	private Report(JsonNode ours, @Nullable JsonNode keycloak) {
		this.ours = ours;
		this.keycloak = keycloak;
	}

	public static void main(String[] args) throws Exception {
		Options options = new Options(args);
		JsonNode ours = readIfThere(options.text("ours", ""));
		Report report = new Report((ours != null) ? ours : MAPPER.createObjectNode(),
				readIfThere(options.text("keycloak", "")));
		report.write(options);
		Files.writeString(Path.of(options.required("out")), report.md.toString());
	}

	private static @Nullable JsonNode readIfThere(String file) throws Exception {
		return (!file.isEmpty() && Files.exists(Path.of(file))) ? read(file) : null;
	}

	private static JsonNode read(String file) throws Exception {
		return MAPPER.readTree(Files.readString(Path.of(file)));
	}

	private void write(Options options) throws Exception {
		int cores = Integer.parseInt(options.text("cores", "2"));
		line("# CIBA benchmark results");
		line("");
		line("Run " + options.text("started", "?") + ", " + options.text("duration", "?") + " in all. Machine: "
				+ options.text("machine", "?") + ". Our server: " + options.text("ours-java", "?") + "; Keycloak "
				+ options.text("keycloak-version", "?") + ": " + options.text("keycloak-java", "?")
				+ ". Both on PostgreSQL " + options.text("postgres", "?") + ", load generator on "
				+ this.ours.path("loadgen_java").asString() + ", all on this machine.");
		line("");
		line("| figure | ours | Keycloak | ours / Keycloak | target | met |");
		line("| --- | --- | --- | --- | --- | --- |");

		double ourFlows = num(this.ours, "flow_median", "per_second");
		double theirFlows = num(this.keycloak, "flow_median", "per_second");
		row("complete flows per second (median of " + this.ours.path("flow_runs").size() + " runs, "
				+ this.ours.path("threads").asInt() + " threads)", fmt(ourFlows), fmt(theirFlows),
				ratio(ourFlows, theirFlows), "≥ 3 × Keycloak", met(ourFlows >= 3 * theirFlows, theirFlows));
		for (String step : List.of("backchannel", "device_pull", "device_answer", "token", "flow")) {
			row(step + " p50 / p95 / p99 ms (median run)", triple(this.ours, "flow_median", step),
					triple(this.keycloak, "flow_median", step), "", "", "");
		}
		double bcHalf = num(this.ours, "flow_half_load", "steps", "backchannel", "p99");
		row("backchannel p99 ms at half the maximum flow rate ("
				+ fmt(num(this.ours, "flow_half_load", "target_rate_per_s")) + " / s)", fmt(bcHalf),
				fmt(num(this.keycloak, "flow_half_load", "steps", "backchannel", "p99")), "", "< 25 ms",
				met(bcHalf < 25, bcHalf));
		double tokenHalf = num(this.ours, "flow_half_load", "steps", "token", "p99");
		row("token request (redeeming poll) p99 ms at half the maximum flow rate", fmt(tokenHalf),
				fmt(num(this.keycloak, "flow_half_load", "steps", "token", "p99")), "", "< 10 ms",
				met(tokenHalf < 10, tokenHalf));
		double ourPolls = num(this.ours, "storm_median", "per_second");
		double theirPolls = num(this.keycloak, "storm_median", "per_second");
		row("token polls per second on pending requests (median of " + this.ours.path("storm_runs").size() + " runs)",
				fmt(ourPolls), fmt(theirPolls), ratio(ourPolls, theirPolls), "", "");
		row("pending poll p50 / p95 / p99 ms (median run)", triple(this.ours, "storm_median", "poll"),
				triple(this.keycloak, "storm_median", "poll"), "", "", "");
		double pollHalf = num(this.ours, "storm_half_load", "steps", "poll", "p99");
		row("pending poll p99 ms at half the maximum poll rate", fmt(pollHalf),
				fmt(num(this.keycloak, "storm_half_load", "steps", "poll", "p99")), "", "< 10 ms",
				met(pollHalf < 10, pollHalf));
		double ping99 = num(this.ours, "ping", "steps", "answer_to_ping", "p99");
		row("ping mode: device answer → ping received, p50 / p99 ms (" + this.ours.path("ping").path("threads").asInt()
				+ " threads)", fmt(num(this.ours, "ping", "steps", "answer_to_ping", "p50")) + " / " + fmt(ping99), "–",
				"", "p99 < 50 ms", met(ping99 < 50, ping99));
		row("ping mode: device answer → tokens, p50 / p99 ms",
				fmt(num(this.ours, "ping", "steps", "answer_to_tokens", "p50")) + " / "
						+ fmt(num(this.ours, "ping", "steps", "answer_to_tokens", "p99")),
				"–", "", "", "");
		double ourStart = Double.parseDouble(options.text("ours-startup", "NaN"));
		double theirStart = Double.parseDouble(options.text("keycloak-startup", "NaN"));
		row("start-up to ready, s (median of restarts; first boot on an empty database: "
				+ options.text("ours-first-boot", "?") + " / " + options.text("keycloak-first-boot", "?") + ")",
				fmt(ourStart), fmt(theirStart), ratio(ourStart, theirStart), "< 10 s", met(ourStart < 10, ourStart));
		double ourRss = num(this.ours, "rss_after_warmup_kib") / 1024;
		double theirRss = num(this.keycloak, "rss_after_warmup_kib") / 1024;
		row("resident memory after warm-up, MiB", fmt(ourRss), fmt(theirRss), ratio(ourRss, theirRss), "< 512 MiB",
				met(ourRss < 512, ourRss));
		row("resident memory at the end, MiB", fmt(num(this.ours, "rss_at_end_kib") / 1024),
				fmt(num(this.keycloak, "rss_at_end_kib") / 1024), "", "", "");
		double ourCpu = num(this.ours, "flow_median", "server_cpu_ms_per_op");
		double theirCpu = num(this.keycloak, "flow_median", "server_cpu_ms_per_op");
		row("server CPU ms per flow (median run)", fmt(ourCpu), fmt(theirCpu), ratio(ourCpu, theirCpu), "", "");
		row("PostgreSQL CPU ms per flow (median run; the backends of its database)",
				fmt(num(this.ours, "flow_median", "postgres_cpu_ms_per_op")),
				fmt(num(this.keycloak, "flow_median", "postgres_cpu_ms_per_op")), "", "", "");
		row("database transactions / rows written per flow (median run)", dbWork(this.ours), dbWork(this.keycloak), "",
				"", "");
		row("load generator CPU ms per flow (median run)", fmt(num(this.ours, "flow_median", "loadgen_cpu_ms_per_op")),
				fmt(num(this.keycloak, "flow_median", "loadgen_cpu_ms_per_op")), "", "", "");
		row("CPU of all other processes during the median run, s (noise)",
				fmt(num(this.ours, "flow_median", "other_cpu_s")),
				fmt(num(this.keycloak, "flow_median", "other_cpu_s")), "", "", "");
		row("machine busy cores during the median run (of " + cores + ")",
				fmt(num(this.ours, "flow_median", "machine_busy_cores")),
				fmt(num(this.keycloak, "flow_median", "machine_busy_cores")), "", "", "");
		line("");
		signatureBound(options, cores, ourFlows, theirFlows);
		events();
	}

	private void signatureBound(Options options, int cores, double ourFlows, double theirFlows) throws Exception {
		String jmhFile = options.text("jmh", "");
		if (jmhFile.isEmpty() || !Files.exists(Path.of(jmhFile))) {
			return;
		}
		double sign = Double.NaN;
		double verify = Double.NaN;
		for (JsonNode result : read(jmhFile)) {
			String benchmark = result.path("benchmark").asString();
			double score = result.path("primaryMetric").path("score").asDouble();
			if (benchmark.equals(SIGN_BENCHMARK)) {
				sign = score;
			}
			else if (benchmark.equals(VERIFY_BENCHMARK)) {
				verify = score;
			}
		}
		double bound = cores * 1e6 / (2 * sign);
		line("One token signature (JMH, RS256, 2048-bit RSA, Nimbus, one thread): **" + fmt(sign) + " µs**; checking "
				+ "an ES256 device answer: " + fmt(verify) + " µs. A flow signs two tokens (access token and ID "
				+ "token), so " + cores + " cores doing nothing but signing would finish at most **" + fmt(bound)
				+ " flows per second**. Our median reaches " + fmt(100 * ourFlows / bound) + " % of that bound, "
				+ "Keycloak's " + fmt(100 * theirFlows / bound) + " % (Keycloak signs the same two RS256 tokens).");
		line("");
	}

	private void events() {
		line("Events and failures (counted over the whole run):");
		line("");
		for (JsonNode results : new JsonNode[] { this.ours, this.keycloak }) {
			if (results == null) {
				continue;
			}
			List<String> seen = new ArrayList<>();
			for (Map.Entry<String, JsonNode> run : results.properties()) {
				JsonNode value = run.getValue();
				List<JsonNode> runs = value.isArray() ? List.copyOf(value.values()) : List.of(value);
				for (JsonNode each : runs) {
					JsonNode events = each.path("events");
					for (Map.Entry<String, JsonNode> event : events.properties()) {
						seen.add(each.path("name").asString() + ": " + event.getKey() + " × " + event.getValue());
					}
				}
			}
			line("- " + results.path("target").asString() + ": " + (seen.isEmpty() ? "none" : String.join("; ", seen)));
		}
		line("");
	}

	private void row(String... cells) {
		this.md.append("| ").append(String.join(" | ", cells)).append(" |\n");
	}

	private void line(String text) {
		this.md.append(text).append('\n');
	}

	private static double num(@Nullable JsonNode node, String... path) {
		if (node == null) {
			return Double.NaN;
		}
		JsonNode at = node;
		for (String name : path) {
			at = at.path(name);
		}
		return at.isNumber() ? at.asDouble() : Double.NaN;
	}

	private static String dbWork(@Nullable JsonNode node) {
		double transactions = num(node, "flow_median", "database_per_op", "transactions");
		double written = num(node, "flow_median", "database_per_op", "rows_inserted")
				+ num(node, "flow_median", "database_per_op", "rows_updated")
				+ num(node, "flow_median", "database_per_op", "rows_deleted");
		return fmt(transactions) + " / " + fmt(written);
	}

	private static String triple(@Nullable JsonNode node, String run, String step) {
		if (node == null || node.path(run).path("steps").path(step).isMissingNode()) {
			return "–";
		}
		return fmt(num(node, run, "steps", step, "p50")) + " / " + fmt(num(node, run, "steps", step, "p95")) + " / "
				+ fmt(num(node, run, "steps", step, "p99"));
	}

	private static String fmt(double value) {
		if (Double.isNaN(value)) {
			return "–";
		}
		if (Math.abs(value) >= 100) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		return String.format(Locale.ROOT, (Math.abs(value) >= 10) ? "%.1f" : "%.2f", value);
	}

	private static String ratio(double ours, double theirs) {
		return (Double.isNaN(ours) || Double.isNaN(theirs) || theirs == 0) ? "–"
				: String.format(Locale.ROOT, "%.2f", ours / theirs);
	}

	private static String met(boolean met, double measured) {
		return Double.isNaN(measured) ? "–" : met ? "yes" : "**no**";
	}

}
