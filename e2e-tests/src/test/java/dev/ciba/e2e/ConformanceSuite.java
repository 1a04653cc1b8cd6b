package dev.ciba.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.Phone;
import dev.ciba.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server of the conformance suite, shared by every conformance test class of the run:
 * the packaged server started once, with the test-only approval hook on its class path
 * ({@code loader.path}), the {@code demo} and {@code conformance} profiles, the
 * {@link SuiteClient}s seeded from an extra configuration file, an HTTPS
 * {@link NotificationReceiver} as the ping and push clients' endpoint (trusted through
 * the server's trust store), and a phone registered for alice. It stops when the test run
 * ends.
 * <p>
 * After each test, requests the test left pending are denied through the hook (one client
 * may keep only five pending per customer) and the receiver answers {@code 204} again.
 */
final class ConformanceSuite implements BeforeAllCallback, AfterEachCallback, TestExecutionExceptionHandler {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(ConformanceSuite.class);

	private Running running;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.running = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent("server", (key) -> Running.start(), Running.class);
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		this.running.receiver.answerNoContentEverywhere();
		AuthRequestID leftOver;
		while ((leftOver = this.running.issued.poll()) != null) {
			HTTPResponse answer = this.running.hook.decide(leftOver.getValue(), "deny");
			assertThat(answer.getStatusCode()).as("the hook denying a left-over request: " + answer.getBody())
				.isIn(200, 409);
		}
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		if (this.running != null) {
			System.err.println("The end of the server log " + this.running.process.logFile() + " after the failure of "
					+ context.getDisplayName() + ":" + System.lineSeparator() + this.running.process.logTail());
		}
		throw failure;
	}

	/**
	 * The issuer and base URL, {@code http://localhost:<port>}.
	 */
	String baseUrl() {
		return this.running.process.baseUrl();
	}

	/**
	 * The discovery document, read once when the server started.
	 */
	OIDCProviderMetadata metadata() {
		return this.running.metadata;
	}

	ConformanceClient client(SuiteClient client) {
		return new ConformanceClient(client, this.running.metadata, this.running.keys.get(client),
				this.running.issued::add);
	}

	/**
	 * The client's registered key pair (RSA, for {@code PS256} and {@code RS256}).
	 */
	RSAKey key(SuiteClient client) {
		RSAKey key = this.running.keys.get(client);
		if (key == null) {
			throw new IllegalArgumentException(client + " registered no keys");
		}
		return key;
	}

	/**
	 * Dynamic client registration at the advertised endpoint.
	 */
	DynamicRegistration registration() {
		URI endpoint = this.running.metadata.getRegistrationEndpointURI();
		assertThat(endpoint).as("registration_endpoint").isNotNull();
		return new DynamicRegistration(client(SuiteClient.REGISTRAR), endpoint);
	}

	ApprovalHook hook() {
		return this.running.hook;
	}

	NotificationReceiver receiver() {
		return this.running.receiver;
	}

	/**
	 * Alice's registered phone.
	 */
	Phone phone() {
		return this.running.phone;
	}

	/**
	 * Approves an acknowledged request through the hook and redeems it at once, as a poll
	 * or ping client does; checks that tokens came.
	 */
	TokenReply approveAndRedeem(ConformanceClient client, BackchannelReply started) throws IOException {
		AuthRequestID authReqId = started.authReqId();
		hook().approve(authReqId);
		TokenReply tokens = client.redeem(authReqId);
		assertThat(tokens.status()).as(tokens.http().getBody()).isEqualTo(200);
		return tokens;
	}

	/**
	 * A new portal session of alice.
	 */
	PortalSession alicePortal() throws IOException {
		return PortalSession.logIn(baseUrl(), Phones.USERNAME, Phones.PASSWORD);
	}

	/**
	 * What the suite started, kept in the root store and closed when the run ends.
	 */
	private static final class Running implements AutoCloseable {

		private final Path directory;

		private final Map<SuiteClient, RSAKey> keys = new EnumMap<>(SuiteClient.class);

		private final ConcurrentLinkedQueue<AuthRequestID> issued = new ConcurrentLinkedQueue<>();

		private NotificationReceiver receiver;

		private TestDatabase database;

		private ServerProcess process;

		private OIDCProviderMetadata metadata;

		private ApprovalHook hook;

		private Phone phone;

		private Running(Path directory) {
			this.directory = directory;
		}

		static Running start() {
			Running running = null;
			try {
				running = new Running(Files.createTempDirectory("ciba-conformance-"));
				running.startAll();
				return running;
			}
			catch (IOException | GeneralException | JOSEException | RuntimeException ex) {
				if (running != null) {
					running.close();
				}
				throw new IllegalStateException("The conformance suite's server did not start", ex);
			}
		}

		private void startAll() throws IOException, GeneralException, JOSEException {
			ReceiverCertificate certificate = ReceiverCertificate.generate(this.directory);
			this.receiver = NotificationReceiver.start(certificate);
			this.keys.putAll(ConformanceConfiguration.generateClientKeys());
			Path configuration = this.directory.resolve("conformance-clients.yml");
			ConformanceConfiguration.write(configuration, this.keys, this.receiver);
			this.database = TestDatabase.create();
			this.process = ServerProcess.start(this.database, PackagedServer.freePort(),
					E2eSettings.logDirectory().resolve("ConformanceSuite-server.log"),
					launch(configuration, certificate));
			this.metadata = OIDCProviderMetadata.resolve(new Issuer(this.process.baseUrl()));
			this.hook = new ApprovalHook(this.process.baseUrl());
			this.phone = Phone.register(
					PortalSession.logIn(this.process.baseUrl(), Phones.USERNAME, Phones.PASSWORD).discoveryData(),
					"Conformance phone", KeyType.EC, Phone.newHttpClient());
		}

		private static ServerProcess.Launch launch(Path configuration, ReceiverCertificate certificate) {
			List<String> arguments = new ArrayList<>();
			arguments.add("--spring.config.additional-location=file:" + configuration.toAbsolutePath());
			arguments.add("--ciba.conformance.hook-enabled=true");
			// The receiver is on 127.0.0.1: a development setting, with a trust store
			// that holds only the receiver's certificate.
			arguments.add("--ciba.delivery.allow-insecure-endpoints=true");
			arguments.add("--ciba.delivery.poll-delay=200ms");
			arguments.add("--ciba.delivery.retry-delay=1s");
			arguments.add("--ciba.delivery.max-attempts=3");
			arguments.add("--ciba.delivery.connect-timeout=1s");
			arguments.add("--ciba.delivery.read-timeout=2s");
			// Short enough to see one expire (item 40).
			arguments.add("--ciba.login-hint-token.lifetime=3s");
			// The suite names its one customer in far more requests per minute than
			// anyone
			// would; the request limit is tested in auth-server, not here.
			arguments.add("--ciba.limits.requests.max=100000");
			arguments.add("--ciba.limits.client-requests.max=100000");
			return new ServerProcess.Launch(List.of("demo", "conformance"), certificate.trustStoreJvmOptions(),
					List.of(E2eSettings.conformanceHookJar()), arguments);
		}

		@Override
		public void close() {
			try {
				if (this.process != null) {
					this.process.stop();
				}
			}
			catch (IOException ex) {
				System.err.println("The conformance server did not stop cleanly: " + ex.getMessage());
			}
			finally {
				if (this.database != null) {
					this.database.close();
				}
				if (this.receiver != null) {
					this.receiver.close();
				}
				deleteDirectory();
			}
		}

		private void deleteDirectory() {
			try {
				TempFiles.deleteRecursively(this.directory);
			}
			catch (IOException ex) {
				System.err.println("Cannot delete " + this.directory + ": " + ex.getMessage());
			}
		}

	}

}
