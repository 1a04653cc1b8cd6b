package dev.ciba.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.ciba.simulator.CommandLine.UsageException;

/**
 * The command line of the device simulator: register from a QR code or its JSON, list the
 * pending requests, approve or deny one, watch for requests and answer them as they come,
 * replace the device key, remove the device. Results go to standard output in plain
 * words, failures to standard error with a non-zero exit code.
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
			           [--name NAME] [--model MODEL] [--key-type rsa|rsa-1024|ec]
			           [--device-token TOKEN] [--protocol wso2-v2|wso2-v1] [--force]
			      Register with the server named in the QR code or discovery JSON. Refuses
			      to replace an existing state file unless --force is given. Without
			      --device-token the phone is pull-only. --protocol wso2-v1 reads a QR
			      code of generation 1 ("push-auth": did, un, td, hst, bp, re, ae, chg)
			      and speaks that generation from then on, with an RSA 1024 key unless
			      --key-type rsa asks for 2048 bits.
			  pending
			      List the requests waiting for this phone.
			  approve [--push-id ID] [--number NN]
			  deny [--push-id ID]
			      Answer a pending request; without --push-id there must be exactly one.
			      The request is shown first. A request with number matching needs
			      --number: the number the client shows, one of the choices listed.
			  watch [--interval DURATION] [--auto approve|deny [--number N]]
			        [--count N] [--timeout DURATION]
			      Poll for requests (every 5 s by default; the server has no long poll)
			      and answer each new one: asks y/n on standard input, and asks for the
			      number shown at sign-in when the request carries numberChallenge.
			      --auto answers without asking (--number is then sent to requests that
			      ask for a number). Stops after --count answers, after --timeout
			      (failing if --count was not reached), or when standard input ends.
			      Durations: 500ms, 5s, 2m or plain seconds.
			  rotate-key [--key-type rsa|ec]
			      Replace the device key by a new one (by default of the same type),
			      signed with the old key. The state file is updated only after the
			      server accepted the new key.
			  remove
			      Remove this phone from the account and delete the state file.

			The protocol generation is kept in the state file; --protocol on the other
			commands only checks that it matches.

			Exit codes: 0 done, 1 refused or failed, 2 wrong command line.
			""";

	private static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(5);

	private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)?");

	private final HttpClient http;

	private final Clock clock;

	private final Watch.Pause pause;

	/**
	 * @param http the client for all calls to the server
	 * @param clock the time for the tokens the phone signs
	 */
	public DeviceSimulator(HttpClient http, Clock clock) {
		this(http, clock, (duration) -> Thread.sleep(duration.toMillis()));
	}

	/**
	 * @param pause how {@code watch} waits between two polls
	 */
	DeviceSimulator(HttpClient http, Clock clock, Watch.Pause pause) {
		this.http = http;
		this.clock = clock;
		this.pause = pause;
	}

	/**
	 * Runs one command and exits with its code.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		DeviceSimulator simulator = new DeviceSimulator(Phone.newHttpClient(), Clock.systemUTC());
		System.exit(simulator.run(args, System.in, System.out, System.err));
	}

	/**
	 * Runs one command.
	 * @param args the command line
	 * @param out where results go
	 * @param err where failures go
	 * @return {@link #EXIT_OK}, {@link #EXIT_FAILED} or {@link #EXIT_USAGE}
	 */
	public int run(String[] args, PrintStream out, PrintStream err) {
		return run(args, InputStream.nullInputStream(), out, err);
	}

	/**
	 * Runs one command that may read the user's input ({@code watch}).
	 * @param args the command line
	 * @param in what the user types
	 * @param out where results go
	 * @param err where failures go
	 * @return {@link #EXIT_OK}, {@link #EXIT_FAILED} or {@link #EXIT_USAGE}
	 */
	public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
		try {
			CommandLine line = CommandLine.parse(args);
			if (line.has("--help") || "help".equals(line.command())) {
				out.print(USAGE);
				return EXIT_OK;
			}
			return runCommand(line, in, out);
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

	private int runCommand(CommandLine line, InputStream in, PrintStream out) throws UsageException, IOException {
		String command = line.command();
		if (command == null) {
			throw new UsageException("no command given");
		}
		switch (command) {
			case "register" -> register(line, out);
			case "pending" -> pending(line, out);
			case "approve" -> answer(line, out, Decision.APPROVED);
			case "deny" -> answer(line, out, Decision.DENIED);
			case "watch" -> {
				return watch(line, in, out);
			}
			case "rotate-key" -> rotateKey(line, out);
			case "remove" -> remove(line, out);
			default -> throw new UsageException("unknown command " + command);
		}
		return EXIT_OK;
	}

	private void register(CommandLine line, PrintStream out) throws UsageException, IOException {
		line.allowOnly("--qr", "--json", "--json-file", "--name", "--model", "--key-type", "--device-token", "--force",
				"--protocol");
		Protocol protocol = protocol(line);
		KeyType keyType = keyType(line, protocol);
		Path state = statePath(line);
		if (Files.exists(state) && !line.has("--force")) {
			throw new CommandFailedException(
					"The state file " + state + " exists already; remove the device first or add --force.");
		}
		String json = discoveryJson(line);
		Phone phone = (protocol == Protocol.WSO2_V1)
				? Phone.create(Wso2V1DiscoveryData.parse(json), keyType, this.http, this.clock)
				: Phone.create(DiscoveryData.parse(json), keyType, this.http, this.clock);
		ServerAnswer answer = phone.register(line.value("--name", "Device simulator"),
				line.value("--model", "Simulator"), line.value("--device-token", ""));
		if (answer.status() != 201) {
			throw new ServerRefusedException(answer);
		}
		phone.save(state);
		String generation = (protocol == Protocol.WSO2_V1) ? ", protocol " + protocol.cliName() : "";
		out.println("Registered device " + phone.deviceId() + " with " + phone.host() + " (tenant "
				+ phone.tenantDomain() + ", " + phone.key().type() + " key" + generation + ").");
		out.println("State saved to " + state + ".");
	}

	private static Protocol protocol(CommandLine line) throws UsageException {
		try {
			return Protocol.fromName(line.value("--protocol", Protocol.WSO2_V2.cliName()));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("--protocol must be wso2-v2 or wso2-v1");
		}
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

	/**
	 * The key type asked for; a generation-1 phone makes an RSA 1024 key by default, as
	 * the WSO2 SDK does, and cannot have an EC key.
	 */
	private static KeyType keyType(CommandLine line, Protocol protocol) throws UsageException {
		boolean wso2V1 = protocol == Protocol.WSO2_V1;
		KeyType type;
		try {
			type = KeyType.fromName(line.value("--key-type", wso2V1 ? "rsa-1024" : "rsa"));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("--key-type must be rsa, rsa-1024 or ec");
		}
		if (wso2V1 && !type.isRsa()) {
			throw new UsageException("--key-type ec does not apply to --protocol wso2-v1, which takes RSA keys only");
		}
		return type;
	}

	private void pending(CommandLine line, PrintStream out) throws UsageException, IOException {
		line.allowOnly("--protocol");
		List<PendingRequest> requests = loadPhone(line).pending();
		if (requests.isEmpty()) {
			out.println("No pending requests.");
			return;
		}
		out.println(requests.size() + ((requests.size() == 1) ? " pending request:" : " pending requests:"));
		requests.forEach((request) -> printRequest(request, out));
	}

	static void printRequest(PendingRequest request, PrintStream out) {
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
			line.allowOnly("--push-id", "--number", "--protocol");
		}
		else {
			line.allowOnly("--push-id", "--protocol");
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
		if (decision == Decision.APPROVED && request.needsNumber() && !request.numberChoices().contains(number)) {
			// Checked here so that a typo does not use up the customer's wrong picks.
			throw new UsageException(
					"--number must be one of the choices of request " + Printable.clean(request.pushId()) + ": "
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

	private int watch(CommandLine line, InputStream in, PrintStream out) throws UsageException, IOException {
		line.allowOnly("--interval", "--auto", "--number", "--count", "--timeout");
		Watch.Options options = watchOptions(line);
		Phone phone = loadPhone(line);
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		boolean done = new Watch(phone, options, reader, out, this.clock, this.pause).run();
		return done ? EXIT_OK : EXIT_FAILED;
	}

	private static Watch.Options watchOptions(CommandLine line) throws UsageException {
		Decision auto = null;
		String autoValue = line.value("--auto");
		if (autoValue != null) {
			auto = switch (autoValue.toLowerCase(Locale.ROOT)) {
				case "approve" -> Decision.APPROVED;
				case "deny" -> Decision.DENIED;
				default -> throw new UsageException("--auto must be approve or deny");
			};
		}
		if (line.value("--number") != null && auto == null) {
			throw new UsageException("--number needs --auto; without it the number is asked for");
		}
		Duration interval = duration(line, "--interval");
		Duration timeout = duration(line, "--timeout");
		return new Watch.Options((interval != null) ? interval : DEFAULT_WATCH_INTERVAL, auto, line.value("--number"),
				count(line), timeout);
	}

	private static @Nullable Duration duration(CommandLine line, String option) throws UsageException {
		String value = line.value(option);
		if (value == null) {
			return null;
		}
		Matcher matcher = DURATION.matcher(value.strip());
		if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
			throw new UsageException(option + " must be a positive duration such as 500ms, 5s, 2m or 5");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	private static int count(CommandLine line) throws UsageException {
		String value = line.value("--count");
		if (value == null) {
			return 0;
		}
		if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) == 0) {
			throw new UsageException("--count must be a positive whole number");
		}
		return Integer.parseInt(value);
	}

	private void rotateKey(CommandLine line, PrintStream out) throws UsageException, IOException {
		line.allowOnly("--key-type");
		Path state = statePath(line);
		Phone phone = loadPhone(line);
		// Generation 1 of the protocol has no key rotation: such a phone registers again.
		if (phone.protocol() == Protocol.WSO2_V1) {
			throw new UsageException("rotate-key is not part of protocol wso2-v1; register the phone again instead");
		}
		KeyType type = (line.value("--key-type") != null) ? keyType(line, phone.protocol()) : phone.key().type();
		DeviceKey newKey = DeviceKey.generate(type);
		ServerAnswer answer = phone.rotateKey(newKey);
		if (!answer.isSuccessful()) {
			throw new ServerRefusedException(answer);
		}
		// Saved only now: had the server refused, the old key would still be the one it
		// holds. If this write fails after the server accepted, the new private key is
		// lost with this process and the phone must be registered again; the simulator
		// keeps no second copy, since every copy of a private key is one more to guard.
		phone.withKey(newKey).save(state);
		out.println("Replaced the key of device " + phone.deviceId() + ": " + phone.key().type() + " key -> new " + type
				+ " key.");
		out.println("State saved to " + state + ".");
	}

	private void remove(CommandLine line, PrintStream out) throws UsageException, IOException {
		line.allowOnly("--protocol");
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

	/**
	 * The phone of the state file; a {@code --protocol} given must be the one it speaks.
	 */
	private Phone loadPhone(CommandLine line) throws UsageException, IOException {
		Protocol expected = (line.value("--protocol") != null) ? protocol(line) : null;
		Path state = statePath(line);
		if (!Files.exists(state)) {
			throw new CommandFailedException("No state file at " + state + "; register the phone first.");
		}
		Phone phone = Phone.load(state, this.http, this.clock);
		if (expected != null && expected != phone.protocol()) {
			throw new UsageException("--protocol " + expected.cliName() + " does not match the state file, whose phone "
					+ "speaks " + phone.protocol().cliName());
		}
		return phone;
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
