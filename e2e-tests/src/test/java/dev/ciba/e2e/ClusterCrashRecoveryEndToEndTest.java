package dev.ciba.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import dev.ciba.simulator.DiscoveryData;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Node A of two ({@link PackagedCluster}, one database) is killed with {@code SIGKILL}
 * while it holds work of every kind half done, and node B, which was running all along,
 * finishes all of it without A being started again: the push to a phone after the
 * acknowledgement, a ping and a push with tokens to clients after the phone's answer, and
 * a token redemption before it committed.
 * <p>
 * The moments are reached with the test-only pauses of the {@code conformance-hook} jar
 * (see {@link CrashRecoveryEndToEndTest}), here addressed to one node by its process id.
 * Both nodes run every outbox, so which node claims a row would be a race; while A takes
 * the work, B's claims are held ({@code pause-claims-<B>}: B claims nothing), so that A
 * certainly holds every row when it dies. The kill then leaves each row reserved for A
 * until its claim lease ends, after which B's pollers take it: the recovery takes one
 * lease (here {@value #LEASE_SECONDS} s; by default 60 s for clients' notifications and 2
 * minutes for pushes to phones) plus one poll delay.
 * <p>
 * Node A is killed once, before the tests, which then each check what B made of one kind
 * of work.
 */
class ClusterCrashRecoveryEndToEndTest {

	/**
	 * The claim lease of both outboxes: longer than one delivery may take (connect and
	 * read timeouts of 1 s and 2 s in {@link PackagedCluster}), as the server demands.
	 */
	private static final int LEASE_SECONDS = 4;

	private static final Path PAUSE_DIRECTORY = E2eSettings.logDirectory()
		.resolve("ClusterCrashRecoveryEndToEndTest-pauses");

	@RegisterExtension
	static final PackagedCluster cluster = new PackagedCluster(2, List.of(E2eSettings.conformanceHookJar()),
			List.of("--ciba.test.crash-pause.directory=" + PAUSE_DIRECTORY,
					"--ciba.delivery.claim-lease=" + LEASE_SECONDS + "s",
					"--ciba.push.outbox.claim-lease=" + LEASE_SECONDS + "s", "--ciba.push.outbox.poll-delay=500ms"));

	private static final String PING = "/ping";

	private static final String PUSH = "/push";

	/** How long B may take for work it can take up only once A's lease has ended. */
	private static final Duration RECOVERY = Duration.ofSeconds(LEASE_SECONDS + 15);

	/**
	 * How long no further copy of a notification may arrive after the first: a copy would
	 * come from a second claim (B polls every
	 * {@value PackagedCluster#DELIVERY_POLL_MILLIS} ms) or a retry (after 1 s). Silence
	 * cannot be awaited, so this is a bounded quiet period.
	 */
	private static final Duration QUIET = Duration.ofSeconds(2);

	private static Phone phoneOnB;

	private static Phone pushPhoneOnB;

	private static AuthRequestID redeemed;

	private static AuthRequestID pinged;

	private static AuthRequestID pushed;

	private static CibaClient.BackchannelAnswer pushedToPhone;

	/** The token response A issued for the push client and stored, before it died. */
	private static String storedPush;

	private static Instant killedAt;

	private static CompletableFuture<TokenAnswer> redemptionOnA;

	@BeforeAll
	static void killNodeAWhileItHoldsWorkOfEveryKind() throws Exception {
		Files.createDirectories(PAUSE_DIRECTORY);
		deleteMarkers();
		long a = cluster.node(0).pid();
		long b = cluster.node(1).pid();
		phoneOnB = registerPhoneOnB("Phone that outlives node A", "");
		CibaClient clientOnA = CibaClient.throughNode(PackagedCluster.ISSUER, cluster.nodeA());
		ConformanceClient pingOnA = suiteClient(SuiteClient.PING, cluster.nodeA());
		ConformanceClient pushOnA = suiteClient(SuiteClient.PUSH, cluster.nodeA());
		mark("pause-claims-" + b);
		mark("pause-delivery-" + a);
		mark("pause-push-" + a);

		redeemed = clientOnA.startRequest(Phones.USERNAME, "Redeemed on B").acknowledgement().getAuthRequestID();
		pinged = pingOnA.startForAlice(pingOnA.request("openid").bindingMessage("Pinged by B")).authReqId();
		pushed = pushOnA.startForAlice(pushOnA.request("openid").bindingMessage("Pushed by B")).authReqId();
		for (String bindingMessage : List.of("Redeemed on B", "Pinged by B", "Pushed by B")) {
			assertThat(phoneOnB.approve(pendingWith(phoneOnB, bindingMessage)).status()).isEqualTo(200);
		}
		// A claims both deliveries, issues and stores the pushed tokens, and waits.
		await().atMost(Duration.ofSeconds(15))
			.until(() -> notification(SuiteClient.PING).claims() == 1 && notification(SuiteClient.PUSH).claims() == 1
					&& notification(SuiteClient.PUSH).payload() != null && paused("delivery", a));
		storedPush = notification(SuiteClient.PUSH).payload();

		// Registered now, so that only the next request pushes to it.
		pushPhoneOnB = registerPhoneOnB("Phone with a push token", "cluster-crash-push-token");
		pushedToPhone = clientOnA.startRequest(Phones.USERNAME, "Push to the phone cut off");
		await().atMost(Duration.ofSeconds(15)).until(() -> paused("push", a));

		mark("pause-redemption-" + a);
		redemptionOnA = CompletableFuture.supplyAsync(() -> redeemUnchecked(clientOnA, redeemed));
		await().atMost(Duration.ofSeconds(15)).until(() -> paused("redemption", a));

		assertThat(cluster.receiver().received(PING, pinged.getValue())).isEmpty();
		assertThat(cluster.receiver().received(PUSH, pushed.getValue())).isEmpty();
		cluster.node(0).kill();
		killedAt = Instant.now();
		deleteMarkers();
	}

	/*
	 * The redemption on A was paused inside its transaction, after the update that marked
	 * the request redeemed: the kill dropped A's connection, PostgreSQL rolled the
	 * transaction back, and the client got no answer. The next poll, on B, redeems; a
	 * retry after it is invalid_grant.
	 */
	@Test
	void tokenWhenNodeAWasKilledInsideTheRedemptionThenThePollOnBRedeemsOnce() throws Exception {
		CibaClient clientOnB = CibaClient.throughNode(PackagedCluster.ISSUER, cluster.nodeB());
		assertThatThrownBy(redemptionOnA::join).isInstanceOf(CompletionException.class);

		TokenAnswer onB = clientOnB.redeem(redeemed);
		TokenAnswer retry = clientOnB.redeem(redeemed);

		assertThat(onB.status()).isEqualTo(200);
		assertThat(clientOnB.validateIdToken(onB.tokens().getIDToken()).getIssuer().getValue())
			.isEqualTo(PackagedCluster.ISSUER);
		assertThat(retry.status()).isEqualTo(400);
		assertThat(retry.errorCode()).isEqualTo("invalid_grant");
	}

	/*
	 * A claimed the ping (one attempt counted, reserved for the lease) and died before
	 * sending it. B sends it once the lease ended: one ping in all, the only recorded
	 * attempt is B's, and the client redeems on B.
	 */
	@Test
	void pingWhenNodeAWasKilledBeforeSendingItThenBSendsItOnceAfterTheLease() throws Exception {
		ConformanceClient pingOnB = suiteClient(SuiteClient.PING, cluster.nodeB());

		List<NotificationReceiver.Notification> pings = awaitDeliveredOnce(PING, pinged);

		assertThat(pings.get(0).receivedAt()).isAfter(killedAt);
		assertThat(pings.get(0).body()).isEqualTo("{\"auth_req_id\":\"" + pinged.getValue() + "\"}");
		assertThat(notification(SuiteClient.PING)).isEqualTo(new Notification("DELIVERED", 2, null));
		assertThat(attempts(SuiteClient.PING)).containsExactly("2 DELIVERED 204");
		TokenReply tokens = pingOnB.redeem(pinged);
		assertThat(tokens.status()).as(tokens.http().getBody()).isEqualTo(200);
	}

	/*
	 * A claimed the push, issued the tokens, stored the token response with the row and
	 * died before sending it. B sends exactly that response once the lease ended: the
	 * tokens were issued once, and the client gets them once.
	 */
	@Test
	void pushWhenNodeAWasKilledAfterIssuingTheTokensThenBPushesTheSameTokensOnce() throws Exception {
		List<NotificationReceiver.Notification> pushes = awaitDeliveredOnce(PUSH, pushed);

		assertThat(pushes.get(0).receivedAt()).isAfter(killedAt);
		assertThat(pushes.get(0).body()).contains("\"access_token\"").isEqualTo(storedPush);
		assertThat(notification(SuiteClient.PUSH)).isEqualTo(new Notification("DELIVERED", 2, null));
		assertThat(attempts(SuiteClient.PUSH)).containsExactly("2 DELIVERED 204");
		assertThat(authorizationsOf(SuiteClient.PUSH)).isEqualTo(1);
	}

	/*
	 * A claimed the push to the phone after the acknowledgement and died before calling
	 * the push provider. B sends it once the lease ended (one attempt in all, after two
	 * claims); the phone then answers on B and the client's poll on B gets tokens.
	 */
	@Test
	void pollWhenNodeAWasKilledWhileThePushToThePhoneWasInFlightThenBSendsItAndTheFlowEnds() throws Exception {
		CibaClient clientOnB = CibaClient.throughNode(PackagedCluster.ISSUER, cluster.nodeB());

		await().atMost(RECOVERY).until(() -> pushOutbox(pushPhoneOnB.deviceId()).equals(List.of("SENT 2 1")));
		assertThat(pushPhoneOnB.approve(pendingWith(pushPhoneOnB, "Push to the phone cut off")).status())
			.isEqualTo(200);
		TokenAnswer answer = new TokenPolling(clientOnB, pushedToPhone.acknowledgement()).pollUntilDecided();

		assertThat(answer.status()).isEqualTo(200);
		assertThat(clientOnB.validateIdToken(answer.tokens().getIDToken()).getSubject()).isNotNull();
	}

	private static Phone registerPhoneOnB(String name, String pushToken) throws IOException {
		DiscoveryData data = PortalSession.logIn(cluster.nodeB(), Phones.USERNAME, Phones.PASSWORD).discoveryData();
		Phone phone = Phone.create(Phones.reachedAt(data, cluster.nodeB()), KeyType.EC, Phone.newHttpClient(),
				Clock.systemUTC());
		assertThat(phone.register(name, "Simulator", pushToken).status()).isEqualTo(201);
		return phone;
	}

	/**
	 * Waits for the request's notification, then checks that no second one comes during a
	 * quiet period.
	 */
	private static List<NotificationReceiver.Notification> awaitDeliveredOnce(String path, AuthRequestID id) {
		NotificationReceiver receiver = cluster.receiver();
		await().atMost(RECOVERY).until(() -> !receiver.received(path, id.getValue()).isEmpty());
		await().during(QUIET)
			.atMost(QUIET.plusSeconds(1))
			.until(() -> receiver.received(path, id.getValue()).size() == 1);
		return receiver.received(path, id.getValue());
	}

	private static void mark(String marker) throws IOException {
		Files.writeString(PAUSE_DIRECTORY.resolve(marker), "");
	}

	private static boolean paused(String pause, long node) {
		return Files.exists(PAUSE_DIRECTORY.resolve(pause + "-paused-" + node));
	}

	private static void deleteMarkers() throws IOException {
		try (Stream<Path> markers = Files.list(PAUSE_DIRECTORY)) {
			for (Path marker : markers.toList()) {
				Files.delete(marker);
			}
		}
	}

	private static TokenAnswer redeemUnchecked(CibaClient client, AuthRequestID id) {
		try {
			return client.redeem(id);
		}
		catch (IOException ex) {
			throw new CompletionException(ex);
		}
	}

	private static ConformanceClient suiteClient(SuiteClient client, String node) throws Exception {
		return new ConformanceClient(client, CibaClient.throughNode(PackagedCluster.ISSUER, node).metadata(),
				cluster.key(client), (id) -> {
				});
	}

	private static PendingRequest pendingWith(Phone phone, String bindingMessage) {
		return phone.pending()
			.stream()
			.filter((pending) -> bindingMessage.equals(pending.bindingMessage()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No pending request \"" + bindingMessage + "\""));
	}

	/**
	 * The client's one notification row (each suite client makes one request here).
	 */
	private static Notification notification(SuiteClient client) throws SQLException {
		List<Notification> rows = query("""
				SELECT n.status, n.attempts, n.payload FROM client_notification n
				JOIN oauth2_registered_client c ON c.id = n.registered_client_id WHERE c.client_id = ?""",
				client.clientId(),
				(result) -> new Notification(result.getString(1), result.getInt(2), result.getString(3)));
		assertThat(rows).hasSize(1);
		return rows.get(0);
	}

	/**
	 * The recorded attempts of the client's notification, each as its number, outcome and
	 * HTTP status.
	 */
	private static List<String> attempts(SuiteClient client) throws SQLException {
		return query("""
				SELECT a.attempt, a.outcome, a.http_status FROM client_notification_attempt a
				JOIN client_notification n ON n.id = a.notification_id
				JOIN oauth2_registered_client c ON c.id = n.registered_client_id WHERE c.client_id = ?
				ORDER BY a.attempt""", client.clientId(),
				(result) -> result.getInt(1) + " " + result.getString(2) + " " + result.getInt(3));
	}

	private static int authorizationsOf(SuiteClient client) throws SQLException {
		return query("""
				SELECT COUNT(*) FROM oauth2_authorization a
				JOIN oauth2_registered_client c ON c.id = a.registered_client_id WHERE c.client_id = ?""",
				client.clientId(), (result) -> result.getInt(1))
			.get(0);
	}

	/**
	 * The device's push outbox rows, each as its status, claims and recorded attempts.
	 */
	private static List<String> pushOutbox(String deviceId) throws SQLException {
		return query("""
				SELECT o.status, o.attempts,
				  (SELECT count(*) FROM push_attempt a
				   WHERE a.push_auth_id = o.push_auth_id AND a.device_id = o.device_id) AS recorded
				FROM push_outbox o WHERE o.device_id = ? ORDER BY o.id""", deviceId,
				(result) -> result.getString(1) + " " + result.getInt(2) + " " + result.getLong(3));
	}

	private static <T> List<T> query(String sql, String parameter, Row<T> row) throws SQLException {
		List<T> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(cluster.databaseUrl());
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					rows.add(row.map(result));
				}
			}
		}
		return rows;
	}

	@FunctionalInterface
	private interface Row<T> {

		T map(ResultSet result) throws SQLException;

	}

	/**
	 * A client notification row: its status, claims so far and stored push body.
	 */
	private record Notification(String status, int claims, String payload) {
	}

}
