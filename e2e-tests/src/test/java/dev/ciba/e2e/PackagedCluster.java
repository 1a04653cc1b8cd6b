package dev.ciba.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ciba.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Two nodes of one deployment: the same packaged server jar started twice, as separate
 * processes on two free ports, at the same moment, on one fresh PostgreSQL database and
 * with one issuer, as two instances behind a load balancer are. The tests talk to each
 * node directly on its own port; there is no load balancer, so the issuer's host
 * ({@link #ISSUER}) is never called. Both nodes run the delivery outbox, polling every
 * {@value #DELIVERY_POLL_MILLIS} ms, towards an HTTPS {@link NotificationReceiver}; the
 * clients are the conformance suite's {@link SuiteClient}s. Register it as a static field
 * with {@code @RegisterExtension}; both nodes stop (by their process) after the class.
 * <p>
 * A deployment of a single node, with further settings, serves tests that kill and
 * restart that node ({@link #PackagedCluster(int, List, List)}).
 */
final class PackagedCluster implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

	/**
	 * The public issuer and base URL of both nodes: the load balancer's address. The
	 * {@code .test} top-level domain is reserved (RFC 2606) and never resolves.
	 */
	static final String ISSUER = "https://ciba-cluster.test";

	/**
	 * How often each node looks for due deliveries.
	 */
	static final long DELIVERY_POLL_MILLIS = 200;

	/**
	 * The poll interval, shorter than the default to keep the tests quick.
	 */
	static final int POLL_INTERVAL_SECONDS = 2;

	private final int nodeCount;

	private final List<Path> loaderPath;

	private final List<String> extraArguments;

	private final List<ServerProcess> nodes = new ArrayList<>();

	private final Map<SuiteClient, RSAKey> keys = new EnumMap<>(SuiteClient.class);

	private Path directory;

	private NotificationReceiver receiver;

	private TestDatabase database;

	/**
	 * Two nodes with the settings above.
	 */
	PackagedCluster() {
		this(2, List.of(), List.of());
	}

	/**
	 * {@code nodeCount} nodes (named a, b, ... in their log files) with test-only jars on
	 * their class path ({@code loader.path}) and further {@code --name=value} arguments,
	 * which win over the settings above.
	 */
	PackagedCluster(int nodeCount, List<Path> loaderPath, List<String> extraArguments) {
		this.nodeCount = nodeCount;
		this.loaderPath = List.copyOf(loaderPath);
		this.extraArguments = List.copyOf(extraArguments);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException, JOSEException {
		this.directory = Files.createTempDirectory("ciba-cluster-");
		ReceiverCertificate certificate = ReceiverCertificate.generate(this.directory);
		this.receiver = NotificationReceiver.start(certificate);
		this.keys.putAll(ConformanceConfiguration.generateClientKeys());
		Path configuration = this.directory.resolve("cluster-clients.yml");
		ConformanceConfiguration.write(configuration, this.keys, this.receiver);
		this.database = TestDatabase.create();
		ServerProcess.Launch launch = launch(configuration, certificate, this.loaderPath, this.extraArguments);
		String prefix = context.getRequiredTestClass().getSimpleName() + "-node-";
		// Started together, as a deployment starts its instances: migrations, seeding and
		// the first signing key race on the one database.
		List<CompletableFuture<ServerProcess>> started = new ArrayList<>();
		for (int i = 0; i < this.nodeCount; i++) {
			started.add(startNode(prefix + (char) ('a' + i) + ".log", launch));
		}
		RuntimeException failure = null;
		for (CompletableFuture<ServerProcess> node : started) {
			failure = addWhenStarted(node, failure);
		}
		if (failure != null) {
			throw failure;
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		try {
			for (ServerProcess node : this.nodes) {
				node.stop();
			}
		}
		finally {
			if (this.database != null) {
				this.database.close();
			}
			if (this.receiver != null) {
				this.receiver.close();
			}
			if (this.directory != null) {
				TempFiles.deleteRecursively(this.directory);
			}
		}
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		for (ServerProcess node : this.nodes) {
			System.err.println("The end of the node log " + node.logFile() + " after the failure of "
					+ context.getDisplayName() + ":" + System.lineSeparator() + node.logTail());
		}
		throw failure;
	}

	/**
	 * Node A's own base URL.
	 */
	String nodeA() {
		return this.nodes.get(0).baseUrl();
	}

	/**
	 * Node B's own base URL.
	 */
	String nodeB() {
		return this.nodes.get(1).baseUrl();
	}

	/**
	 * The node's process, in the order of their names (a, b, ...): to kill or restart.
	 */
	ServerProcess node(int index) {
		return this.nodes.get(index);
	}

	/**
	 * The JDBC URL of the deployment's database, for tests that check stored rows.
	 */
	String databaseUrl() {
		return this.database.jdbcUrl();
	}

	NotificationReceiver receiver() {
		return this.receiver;
	}

	/**
	 * The client's registered key pair, or {@code null} if it registered none.
	 */
	RSAKey key(SuiteClient client) {
		return this.keys.get(client);
	}

	private CompletableFuture<ServerProcess> startNode(String logName, ServerProcess.Launch launch) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return ServerProcess.start(this.database, PackagedServer.freePort(), ISSUER,
						E2eSettings.logDirectory().resolve(logName), launch);
			}
			catch (IOException ex) {
				throw new CompletionException(ex);
			}
		});
	}

	/**
	 * Waits for the node and keeps it for {@link #afterAll}, so that a node that started
	 * is stopped even when the other did not.
	 * @return the failure so far, or this node's if it is the first
	 */
	private RuntimeException addWhenStarted(CompletableFuture<ServerProcess> node, RuntimeException failure) {
		try {
			this.nodes.add(node.join());
			return failure;
		}
		catch (CompletionException ex) {
			return (failure != null) ? failure
					: new IllegalStateException("A node of the cluster did not start", ex.getCause());
		}
	}

	private static ServerProcess.Launch launch(Path configuration, ReceiverCertificate certificate,
			List<Path> loaderPath, List<String> extraArguments) {
		List<String> arguments = new ArrayList<>();
		arguments.add("--spring.config.additional-location=file:" + configuration.toAbsolutePath());
		// The receiver is on 127.0.0.1: a development setting, with a trust store that
		// holds only the receiver's certificate.
		arguments.add("--ciba.delivery.allow-insecure-endpoints=true");
		arguments.add("--ciba.delivery.poll-delay=" + DELIVERY_POLL_MILLIS + "ms");
		arguments.add("--ciba.delivery.retry-delay=1s");
		arguments.add("--ciba.delivery.max-attempts=3");
		arguments.add("--ciba.delivery.connect-timeout=1s");
		arguments.add("--ciba.delivery.read-timeout=2s");
		arguments.add("--ciba.request.interval=" + POLL_INTERVAL_SECONDS + "s");
		// The tests name alice in more requests per minute than the default limit allows;
		// the limit is tested in auth-server.
		arguments.add("--ciba.limits.requests.max=1000");
		arguments.add("--ciba.limits.client-requests.max=1000");
		// A name given twice would bind as "first,second": the extra one replaces.
		for (String extra : extraArguments) {
			String name = extra.substring(0, extra.indexOf('=') + 1);
			arguments.removeIf((argument) -> argument.startsWith(name));
			arguments.add(extra);
		}
		return new ServerProcess.Launch(List.of("demo"), certificate.trustStoreJvmOptions(), loaderPath, arguments);
	}

}
