package dev.ciba.e2e;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import dev.ciba.testsupport.TestDatabase;

/**
 * The packaged server as an operating-system process of its own:
 * {@code java -jar auth-server.jar} in the {@code demo} profile, bound to 127.0.0.1, on a
 * database of its own. Its output goes to a log file whose tail explains a failed start.
 * A {@link Launch} can add profiles, JVM options, arguments and jars on the class path;
 * with extra jars the server is started through Spring Boot's {@code PropertiesLauncher}
 * and {@code loader.path}, as an operator would add a module.
 */
final class ServerProcess {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration READY_CHECK_PAUSE = Duration.ofMillis(250);

	private static final int LOG_TAIL_LINES = 60;

	private static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

	private static final String PROPERTIES_LAUNCHER = "org.springframework.boot.loader.launch.PropertiesLauncher";

	private final Path jar;

	private final String jdbcUrl;

	private final int port;

	private final String issuer;

	private final Path logFile;

	private final Path workDirectory;

	private final Launch launch;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private Process process;

	private Thread killOnExit;

	private ServerProcess(Path jar, String jdbcUrl, int port, String issuer, Path logFile, Path workDirectory,
			Launch launch) {
		this.jar = jar;
		this.jdbcUrl = jdbcUrl;
		this.port = port;
		this.issuer = issuer;
		this.logFile = logFile;
		this.workDirectory = workDirectory;
		this.launch = launch;
	}

	/**
	 * Starts the server on the database and port and waits until its discovery document
	 * answers 200.
	 * @param database the database the server keeps its state in
	 * @param port the port on 127.0.0.1
	 * @param logFile where the server's output is appended
	 * @return the running server
	 */
	static ServerProcess start(TestDatabase database, int port, Path logFile) throws IOException {
		return start(database, port, logFile, Launch.DEMO);
	}

	/**
	 * Starts the server as {@link #start(TestDatabase, int, Path)} does, launched as
	 * described.
	 */
	static ServerProcess start(TestDatabase database, int port, Path logFile, Launch launch) throws IOException {
		return start(database, port, localUrl(port), logFile, launch);
	}

	/**
	 * Starts the server as {@link #start(TestDatabase, int, Path)} does, launched as
	 * described, with an issuer (and public base URL) other than its own address: one
	 * node of several behind a load balancer, which all share that issuer.
	 * @param issuer the value of {@code ciba.issuer}
	 */
	static ServerProcess start(TestDatabase database, int port, String issuer, Path logFile, Launch launch)
			throws IOException {
		Files.createDirectories(logFile.toAbsolutePath().getParent());
		Files.deleteIfExists(logFile);
		Path workDirectory = Files.createTempDirectory("ciba-e2e-server-");
		ServerProcess server = new ServerProcess(E2eSettings.serverJar(), database.jdbcUrl(), port, issuer, logFile,
				workDirectory, launch);
		try {
			server.startProcess();
		}
		catch (IOException | RuntimeException ex) {
			server.stop();
			throw ex;
		}
		return server;
	}

	/**
	 * The server's own base URL, {@code http://localhost:<port>}; also its issuer unless
	 * it was started with another.
	 */
	String baseUrl() {
		return localUrl(this.port);
	}

	/**
	 * The issuer it was configured with.
	 */
	String issuer() {
		return this.issuer;
	}

	private static String localUrl(int port) {
		return "http://localhost:" + port;
	}

	Path logFile() {
		return this.logFile;
	}

	/**
	 * The process id of the running server: the JVM itself, started without a shell.
	 */
	long pid() {
		if (this.process == null) {
			throw new IllegalStateException("The server on port " + this.port + " is not running");
		}
		return this.process.pid();
	}

	/**
	 * Stops the process (SIGTERM; nothing if it was {@link #kill() killed}) and starts it
	 * again on the same database and port.
	 */
	void restart() throws IOException {
		stopProcess();
		startProcess();
	}

	/**
	 * Kills the process with {@code SIGKILL}, as a crash or an out-of-memory killer
	 * would: no shutdown hook, no graceful end of requests or transactions. The process
	 * is the JVM itself (started without a shell), so the signal reaches it. Waits until
	 * it is gone; {@link #restart()} then starts it again.
	 */
	void kill() throws InterruptedIOException {
		if (this.process == null) {
			return;
		}
		try {
			if (!this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException("The server survived SIGKILL for " + STOP_TIMEOUT.toSeconds() + " s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while killing the server");
		}
		Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		this.process = null;
	}

	/**
	 * Stops the process and deletes its working directory.
	 */
	void stop() throws IOException {
		try {
			stopProcess();
		}
		finally {
			TempFiles.deleteRecursively(this.workDirectory);
		}
	}

	/**
	 * Waits for the process to end by itself, as a server does that fails after it began
	 * to answer (start-up runners run after the web server listens).
	 * @return its exit status, or empty if it still runs after {@code timeout}
	 */
	OptionalInt awaitExit(Duration timeout) throws InterruptedIOException {
		try {
			if (this.process != null && this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				return OptionalInt.of(this.process.exitValue());
			}
			return OptionalInt.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for the server to exit");
		}
	}

	/**
	 * The last lines of the server's output.
	 */
	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.logFile, StandardCharsets.UTF_8);
			return String.join(System.lineSeparator(),
					lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
		}
		catch (IOException ex) {
			return "(the server log " + this.logFile + " cannot be read: " + ex.getMessage() + ")";
		}
	}

	private void startProcess() throws IOException {
		Files.writeString(this.logFile,
				"=== starting the server on port " + this.port + " at " + Instant.now() + " ==="
						+ System.lineSeparator(),
				StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		this.process = new ProcessBuilder(command()).directory(this.workDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()))
			.start();
		Process started = this.process;
		this.killOnExit = new Thread(started::destroyForcibly, "kill-ciba-server-" + this.port);
		Runtime.getRuntime().addShutdownHook(this.killOnExit);
		awaitReady();
	}

	private List<String> command() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx512m");
		command.add("-XX:TieredStopAtLevel=1");
		command.addAll(this.launch.jvmOptions());
		if (this.launch.loaderPath().isEmpty()) {
			command.add("-jar");
			command.add(this.jar.toString());
		}
		else {
			command.add("-cp");
			command.add(this.jar.toString());
			command.add("-Dloader.path=" + String.join(",",
					this.launch.loaderPath().stream().map((path) -> path.toAbsolutePath().toString()).toList()));
			command.add(PROPERTIES_LAUNCHER);
		}
		command.add("--spring.profiles.active=" + String.join(",", this.launch.profiles()));
		command.add("--server.address=127.0.0.1");
		command.add("--server.port=" + this.port);
		command.add("--ciba.issuer=" + this.issuer);
		command.add("--spring.datasource.url=" + this.jdbcUrl);
		command.addAll(this.launch.arguments());
		return command;
	}

	private void awaitReady() throws IOException {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The server exited with status " + this.process.exitValue()
						+ " while starting; the end of " + this.logFile + ":" + System.lineSeparator() + logTail());
			}
			if (discoveryStatus() == 200) {
				return;
			}
			pause(READY_CHECK_PAUSE);
		}
		stopProcess();
		throw new IllegalStateException(
				"The server did not answer " + DISCOVERY_PATH + " with 200 within " + START_TIMEOUT.toSeconds()
						+ " s; the end of " + this.logFile + ":" + System.lineSeparator() + logTail());
	}

	private int discoveryStatus() throws InterruptedIOException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + DISCOVERY_PATH))
			.timeout(Duration.ofSeconds(5))
			.GET()
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for the server");
		}
		catch (IOException ex) {
			// Not listening yet, or the connection dropped while the server starts.
			return -1;
		}
	}

	private void stopProcess() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		this.process = null;
	}

	private static void pause(Duration duration) throws InterruptedIOException {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for the server");
		}
	}

	/**
	 * How the server is launched beyond the defaults.
	 *
	 * @param profiles the active Spring profiles
	 * @param jvmOptions options for the JVM, before the main class
	 * @param loaderPath jars or directories to add to the server's class path; empty to
	 * start with {@code java -jar}
	 * @param arguments further {@code --name=value} arguments
	 */
	record Launch(List<String> profiles, List<String> jvmOptions, List<Path> loaderPath, List<String> arguments) {

		/**
		 * {@code java -jar} in the {@code demo} profile.
		 */
		static final Launch DEMO = new Launch(List.of("demo"), List.of(), List.of(), List.of());

		Launch {
			profiles = List.copyOf(profiles);
			jvmOptions = List.copyOf(jvmOptions);
			loaderPath = List.copyOf(loaderPath);
			arguments = List.copyOf(arguments);
		}

	}

}
