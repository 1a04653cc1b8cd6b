package dev.ciba.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.ciba.simulator.CommandLine.UsageException;

/**
 * The command line of the device simulator: register from a QR code or its JSON, list the
 * pending requests, approve or deny one, remove the device. Results go to standard output
 * in plain words, failures to standard error with a non-zero exit code.
 */
public final class DeviceSimulator {

	/**
	 * Exit code of a command that did what was asked.
	 */
	public static final int EXIT_OK = 0;

	/**
	 * Exit code when the server refused, could not be reached, or a file was unusable.
	 */
	public static final int EXIT_FAILED = 1;

	/**
	 * Exit code of a command line that does not make sense.
	 */
	public static final int EXIT_USAGE = 2;

	private static final String DEFAULT_STATE_FILE = "device-simulator.json";

	private static final String USAGE = """
			Usage: java -jar device-simulator-<version>-exec.jar [--state FILE] COMMAND [OPTIONS]

			A command-line phone for the CIBA provider. It keeps its identity and private key
			in a state file (default ./device-simulator.json, readable by its owner only).

			Commands:
			  register --qr FILE.png | --json JSON | --json-file FILE
			           [--name NAME] [--model MODEL] [--key-type rsa|ec]
			           [--device-token TOKEN] [--force]
			      Register with the server named in the QR code or discovery JSON. Refuses
			      to replace an existing state file unless --force is given. Without
			      --device-token the phone is pull-only.
			  pending
			      List the requests waiting for this phone.
			  approve [--push-id ID] [--number NN]
			  deny [--push-id ID]
			      Answer a pending request; without --push-id there must be exactly one.
			      The request is shown first. A request with number matching needs
			      --number: the number the client shows, one of the choices listed.
			  remove
			      Remove this phone from the account and delete the state file.

			Exit codes: 0 done, 1 refused or failed, 2 wrong command line.
			""";

	private final HttpClient http;

	private final Clock clock;

	/**
	 * @param http the client for all calls to the server
	 * @param clock the time for the tokens the phone signs
	 */
	public DeviceSimulator(HttpClient http, Clock clock) {
		this.http = http;
		this.clock = clock;
	}

	/**
	 * Runs one command and exits with its code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		DeviceSimulator simulator = new DeviceSimulator(Phone.newHttpClient(), Clock.systemUTC());
		System.exit(simulator.run(args, System.out, System.err));
	}

	/**
	 * Runs one command.
	 * @param args the command line
	 * @param out where results go
	 * @param err where failures go
	 * @return {@link #EXIT_OK}, {@link #EXIT_FAILED} or {@link #EXIT_USAGE}
	 */
	public int run(String[] args, PrintStream out, PrintStream err) {
		try {
			CommandLine line = CommandLine.parse(args);
			if (line.has("--help") || "help".equals(line.command())) {
				out.print(USAGE);
				return EXIT_OK;
			}
			runCommand(line, out);
			return EXIT_OK;
		}
		catch (UsageException ex) {
			err.println(ex.getMessage());
			err.println("Run with --help for usage.");
			return EXIT_USAGE;
		}
		catch (ServerRefusedException | CommandFailedException ex) {
			err.println(Printable.clean(ex.getMessage()));
			return EXIT_FAILED;
		}
		catch (IOException | UncheckedIOException | IllegalArgumentException ex) {
			err.println("Failed: " + Printable.clean(ex.getMessage()));
			return EXIT_FAILED;
		}
	}

	private void runCommand(CommandLine line, PrintStream out) throws UsageException, IOException {
		String command = line.command();
		if (command == null) {
			throw new UsageException("no command given");
		}
		switch (command) {
			case "register" -> register(line, out);
			case "pending" -> pending(line, out);
			case "approve" -> answer(line, out, Decision.APPROVED);
			case "deny" -> answer(line, out, Decision.DENIED);
			case "remove" -> remove(line, out);
			default -> throw new UsageException("unknown command " + command);
		}
	}

	private void register(CommandLine line, PrintStream out) throws UsageException, IOException {
		line.allowOnly("--qr", "--json", "--json-file", "--name", "--model", "--key-type", "--device-token", "--force");
		Path state = statePath(line);
		if (Files.exists(state) && !line.has("--force")) {
			throw new CommandFailedException(
					"The state file " + state + " exists already; remove the device first or add --force.");
		}
		DiscoveryData data = DiscoveryData.parse(discoveryJson(line));
		Phone phone = Phone.create(data, keyType(line), this.http, this.clock);
		ServerAnswer answer = phone.register(line.value("--name", "Device simulator"),
				line.value("--model", "Simulator"), line.value("--device-token", ""));
		if (answer.status() != 201) {
			throw new ServerRefusedException(answer);
		}
		phone.save(state);
		out.println("Registered device " + phone.deviceId() + " with " + phone.host() + " (tenant "
				+ phone.tenantDomain() + ", " + phone.key().type() + " key).");
		out.println("State saved to " + state + ".");
	}

	private static String discoveryJson(CommandLine line) throws UsageException, IOException {
		String qr = line.value("--qr");
		String json = line.value("--json");
		String jsonFile = line.value("--json-file");
		int given = ((qr != null) ? 1 : 0) + ((json != null) ? 1 : 0) + ((jsonFile != null) ? 1 : 0);
		if (given != 1) {
			throw new UsageException("register needs exactly one of --qr, --json and --json-file");
		}
		if (qr != null) {
			return QrCodes.decode(Files.readAllBytes(Path.of(qr)));
		}
		if (jsonFile != null) {
			return Files.readString(Path.of(jsonFile), StandardCharsets.UTF_8);
		}
		return json;
	}

	private static KeyType keyType(CommandLine line) throws UsageException {
		try {
			return KeyType.fromName(line.value("--key-type", "rsa"));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("--key-type must be rsa or ec");
		}
	}

	private void pending(CommandLine line, PrintStream out) throws UsageException, IOException {
		line.allowOnly();
		List<PendingRequest> requests = loadPhone(line).pending();
		if (requests.isEmpty()) {
			out.println("No pending requests.");
			return;
		}
		out.println(requests.size() + ((requests.size() == 1) ? " pending request:" : " pending requests:"));
		requests.forEach((request) -> printRequest(request, out));
	}

	private static void printRequest(PendingRequest request, PrintStream out) {
		out.println();
		out.println("Request " + Printable.clean(request.pushId()));
		out.println("  client:          " + orElse(request.applicationName(), "(not named)"));
		out.println("  binding message: " + orElse(request.bindingMessage(), "(none)"));
		out.println("  scope:           " + orElse(request.scope(), "(none)"));
		request.scopeDescriptions()
			.forEach((scope, description) -> out
				.println("    " + Printable.clean(scope) + ": " + Printable.clean(description)));
		if (!request.authorizationDetails().isEmpty()) {
			out.println("  authorization details:");
			request.authorizationDetails().forEach((detail) -> printDetail(detail, out));
		}
		if (request.needsNumber()) {
			out.println("  number to pick:  " + Printable.clean(String.join(", ", request.numberChoices()))
					+ " (the one " + orElse(request.applicationName(), "the client") + " shows)");
		}
		out.println("  requested at:    " + orElse(request.requestTime(), "(not given)"));
		out.println("  expires at:      " + orElse(request.expiresAt(), "(not given)"));
		out.println("  from address:    " + orElse(request.ipAddress(), "(not given)"));
	}

	private static void printDetail(ShownAuthorizationDetail detail, PrintStream out) {
		out.println("    " + orElse(detail.summary(), Printable.clean(detail.type())));
		detail.lines().forEach((text) -> out.println("      " + Printable.clean(text)));
	}

	private void answer(CommandLine line, PrintStream out, Decision decision) throws UsageException, IOException {
		if (decision == Decision.APPROVED) {
			line.allowOnly("--push-id", "--number");
		}
		else {
			line.allowOnly("--push-id");
		}
		Phone phone = loadPhone(line);
		PendingRequest request = choose(phone.pending(), line.value("--push-id"), decision);
		printRequest(request, out);
		out.println();
		String number = line.value("--number");
		if (decision == Decision.APPROVED && request.needsNumber() && number == null) {
			throw new UsageException("request " + Printable.clean(request.pushId())
					+ " has number matching: approve it with --number and the number "
					+ orElse(request.applicationName(), "the client") + " shows, one of "
					+ Printable.clean(String.join(", ", request.numberChoices())));
		}
		ServerAnswer answer = (number != null) ? phone.approve(request, number) : phone.answer(request, decision);
		if (!answer.isSuccessful()) {
			throw new ServerRefusedException(answer);
		}
		String verb = (decision == Decision.APPROVED) ? "Approved" : "Denied";
		out.println(verb + " request " + Printable.clean(request.pushId()) + " from "
				+ orElse(request.applicationName(), "an unnamed client") + ".");
	}

	private static PendingRequest choose(List<PendingRequest> requests, @Nullable String pushId, Decision decision) {
		String action = (decision == Decision.APPROVED) ? "approve" : "deny";
		if (pushId != null) {
			return requests.stream()
				.filter((request) -> request.pushId().equals(pushId))
				.findFirst()
				.orElseThrow(() -> new CommandFailedException("No pending request has the push id " + pushId + "."));
		}
		if (requests.isEmpty()) {
			throw new CommandFailedException("No pending request to " + action + ".");
		}
		if (requests.size() > 1) {
			String ids = requests.stream().map(PendingRequest::pushId).collect(Collectors.joining(", "));
			throw new CommandFailedException(
					requests.size() + " requests are pending; choose one to " + action + " with --push-id: " + ids);
		}
		return requests.get(0);
	}

	private void remove(CommandLine line, PrintStream out) throws UsageException, IOException {
		line.allowOnly();
		Path state = statePath(line);
		Phone phone = loadPhone(line);
		ServerAnswer answer = phone.remove();
		if (!answer.isSuccessful()) {
			throw new ServerRefusedException(answer);
		}
		Files.deleteIfExists(state);
		out.println("Removed device " + phone.deviceId() + " from " + phone.host() + ".");
		out.println("State file " + state + " deleted.");
	}

	private Phone loadPhone(CommandLine line) throws IOException {
		Path state = statePath(line);
		if (!Files.exists(state)) {
			throw new CommandFailedException("No state file at " + state + "; register the phone first.");
		}
		return Phone.load(state, this.http, this.clock);
	}

	private static Path statePath(CommandLine line) {
		return Path.of(line.value("--state", DEFAULT_STATE_FILE));
	}

	private static String orElse(@Nullable Object value, String fallback) {
		return (value != null) ? Printable.clean(value.toString()) : fallback;
	}

	/**
	 * A command that cannot go on; the message says why in plain words.
	 */
	private static final class CommandFailedException extends RuntimeException {

		CommandFailedException(String message) {
			super(message);
		}

	}

}
