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
 * A node killed with {@code SIGKILL} (no shutdown hook, no graceful end of requests or
 * transactions) at the moments where work is half done, then started again on the same
 * database and port: the flow still ends correctly, driven only by what the database
 * holds. One node ({@link PackagedCluster} of one), so that the node that was killed is
 * certainly the one that held the work.
 * <p>
 * To stop the node at a moment inside its own work, it carries the test-only
 * {@code conformance-hook} jar ({@code loader.path}) with its crash pauses switched on:
 * while a marker file exists in {@link #PAUSE_DIRECTORY}, storing the authorization of a
 * CIBA redemption waits (after the update that marked the request redeemed, before the
 * commit), or a push to a phone waits (after its outbox row was claimed, before the
 * provider is called). Without the markers the node behaves as the packaged server does.
 */
class CrashRecoveryEndToEndTest {

	/**
	 * How long a node reserves a delivery it claimed. Long enough for the read timeout
	 * below plus the connect timeout, as the server demands; short enough that a delivery
	 * the killed node had claimed is due again soon after the restart (which takes about
	 * as long).
	 */
	private static final Duration CLAIM_LEASE = Duration.ofSeconds(12);

	/**
	 * Long, so that the killed node is still waiting for the held notification endpoint
	 * when it dies: the kill interrupts a delivery in flight, not one that already timed
	 * out and was rescheduled.
	 */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private static final Path PAUSE_DIRECTORY = E2eSettings.logDirectory().resolve("CrashRecoveryEndToEndTest-pauses");

	/**
	 * While this file exists, redemptions wait (the hook's
	 * {@code PausingAuthorizationService}).
	 */
	private static final Path PAUSE = PAUSE_DIRECTORY.resolve("pause-redemption");

	/** The hook creates this file when a redemption starts to wait. */
	private static final Path PAUSED = PAUSE_DIRECTORY.resolve("redemption-paused");

	/**
	 * While this file exists, pushes to phones wait (the hook's
	 * {@code PausingPushSender}).
	 */
	private static final Path PUSH_PAUSE = PAUSE_DIRECTORY.resolve("pause-push");

	/** The hook creates this file when a push starts to wait. */
	private static final Path PUSH_PAUSED = PAUSE_DIRECTORY.resolve("push-paused");

	@RegisterExtension
	static final PackagedCluster deployment = new PackagedCluster(1, List.of(E2eSettings.conformanceHookJar()),
			List.of("--ciba.test.crash-pause.directory=" + PAUSE_DIRECTORY,
					"--ciba.delivery.claim-lease=" + CLAIM_LEASE.toSeconds() + "s",
					"--ciba.delivery.read-timeout=" + READ_TIMEOUT.toSeconds() + "s"));

	private static final String PING = "/ping";

	private static final String PUSH = "/push";

	/**
	 * How long no further copy of a delivered notification may arrive: a retry comes
	 * after 1 s here, a repeated claim within the delivery poll delay. Silence cannot be
	 * awaited, so this is a bounded quiet period.
	 */
	private static final Duration QUIET = Duration.ofSeconds(2);

	private static Phone phone;

	@BeforeAll
	static void registerPhone() throws IOException {
		Files.createDirectories(PAUSE_DIRECTORY);
		Files.deleteIfExists(PAUSE);
		Files.deleteIfExists(PAUSED);
		Files.deleteIfExists(PUSH_PAUSE);
		Files.deleteIfExists(PUSH_PAUSED);
		DiscoveryData data = PortalSession.logIn(node(), Phones.USERNAME, Phones.PASSWORD).discoveryData();
		phone = Phone.register(Phones.reachedAt(data, node()), "Phone that outlives crashes", KeyType.EC,
				Phone.newHttpClient());
	}

	/*
	 * The kill comes after the 200 acknowledgement, while the node is sending the push to
	 * the customer's phone: the push outbox row is claimed (reserved for the outbox's
	 * lease) and the provider not yet called. Nothing may be lost or counted as sent: the
	 * row stays due (the restarted node sends it once the lease ends,
	 * ciba.push.outbox.claim-lease, two minutes by default, longer than this test waits),
	 * no attempt is recorded, and meanwhile the phone finds the request by pulling,
	 * approves it, and the client's polls on the restarted node get tokens.
	 */
	@Test
	void pollWhenNodeKilledWhileThePushToThePhoneIsInFlightThenThePushStaysDueAndTheFlowEnds() throws Exception {
		DiscoveryData data = PortalSession.logIn(node(), Phones.USERNAME, Phones.PASSWORD).discoveryData();
		Phone pushPhone = Phone.create(Phones.reachedAt(data, node()), KeyType.EC, Phone.newHttpClient(),
				Clock.systemUTC());
		assertThat(pushPhone.register("Phone with a push token", "Simulator", "crash-test-push-token").status())
			.isEqualTo(201);
		CibaClient client = CibaClient.throughNode(PackagedCluster.ISSUER, node());
		CibaClient.BackchannelAnswer started;
		Files.writeString(PUSH_PAUSE, "");
		try {
			started = client.startRequest(Phones.USERNAME, "Push to the phone cut off");
			await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(PUSH_PAUSED));
			deployment.node(0).kill();
		}
		finally {
			Files.deleteIfExists(PUSH_PAUSE);
			Files.deleteIfExists(PUSH_PAUSED);
		}
		deployment.node(0).restart();

		assertThat(pushOutbox(pushPhone.deviceId())).containsExactly("PENDING after 1 claim(s), 0 attempt(s)");
		PendingRequest pending = pushPhone.pending()
			.stream()
			.filter((request) -> "Push to the phone cut off".equals(request.bindingMessage()))
			.findFirst()
			.orElseThrow();
		assertThat(pushPhone.approve(pending).status()).isEqualTo(200);
		TokenAnswer answer = new TokenPolling(client, started.acknowledgement()).pollUntilDecided();
		assertThat(answer.status()).isEqualTo(200);
		assertThat(client.validateIdToken(answer.tokens().getIDToken()).getIssuer().getValue())
			.isEqualTo(PackagedCluster.ISSUER);
		assertThat(pushPhone.remove().status()).isEqualTo(204);
	}

	/*
	 * The client's notification endpoint holds the first ping without answering; the node
	 * is killed while it waits for the answer, so the delivery row is claimed (leased)
	 * and unfinished. The restarted node must send it again once the lease ends, once,
	 * and the client then gets its tokens.
	 */
	@Test
	void pingWhenNodeKilledWhileThePingIsInFlightThenTheRestartedNodeSendsItOnceAndTokensFollow() throws Exception {
		ConformanceClient client = suiteClient(SuiteClient.PING);
		AuthRequestID id = client.startForAlice(client.request("openid").bindingMessage("Ping cut off")).authReqId();
		NotificationReceiver receiver = deployment.receiver();
		receiver.hold(PING);
		Instant restarted;
		try {
			assertThat(phone.approve(pendingWith("Ping cut off")).status()).isEqualTo(200);
			receiver.await(PING, id.getValue(), Duration.ofSeconds(10));
			deployment.node(0).kill();
		}
		finally {
			receiver.release(PING);
		}
		deployment.node(0).restart();
		restarted = Instant.now();

		List<NotificationReceiver.Notification> pings = awaitDeliveredTwice(PING, id);
		assertThat(pings.get(1).receivedAt()).isAfter(restarted.minus(Duration.ofSeconds(1)));
		assertThat(Duration.between(pings.get(0).receivedAt(), pings.get(1).receivedAt()))
			.isGreaterThanOrEqualTo(CLAIM_LEASE.minusSeconds(1));
		assertThat(pings.get(1).body()).isEqualTo(pings.get(0).body());
		TokenReply tokens = client.redeem(id);
		assertThat(tokens.status()).as(tokens.http().getBody()).isEqualTo(200);
		assertThat(client.redeem(id).errorCode()).isEqualTo("invalid_grant");
	}

	/*
	 * As above for a push client: the tokens were issued when the phone answered and are
	 * in the outbox row, so the push sent again after the restart carries the same
	 * tokens, not new ones.
	 */
	@Test
	void pushWhenNodeKilledWhileThePushIsInFlightThenTheRestartedNodeSendsTheSameTokensOnce() throws Exception {
		ConformanceClient client = suiteClient(SuiteClient.PUSH);
		AuthRequestID id = client.startForAlice(client.request("openid").bindingMessage("Push cut off")).authReqId();
		NotificationReceiver receiver = deployment.receiver();
		receiver.hold(PUSH);
		try {
			assertThat(phone.approve(pendingWith("Push cut off")).status()).isEqualTo(200);
			receiver.await(PUSH, id.getValue(), Duration.ofSeconds(10));
			deployment.node(0).kill();
		}
		finally {
			receiver.release(PUSH);
		}
		deployment.node(0).restart();

		List<NotificationReceiver.Notification> pushes = awaitDeliveredTwice(PUSH, id);
		assertThat(pushes.get(1).body()).contains("\"access_token\"").isEqualTo(pushes.get(0).body());
	}

	/*
	 * The redemption is paused inside its transaction: the request is marked redeemed and
	 * its tokens are made, nothing is committed. The kill drops the connection,
	 * PostgreSQL rolls the transaction back, the client got nothing; the next poll, on
	 * the restarted node, redeems the request, and the one after is invalid_grant.
	 */
	@Test
	void tokenWhenNodeKilledInsideTheRedemptionBeforeItCommittedThenTheNextPollRedeems() throws Exception {
		CibaClient client = CibaClient.throughNode(PackagedCluster.ISSUER, node());
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Redemption cut off");
		assertThat(phone.approve(pendingWith("Redemption cut off")).status()).isEqualTo(200);
		AuthRequestID id = started.acknowledgement().getAuthRequestID();
		CompletableFuture<TokenAnswer> cutOff;
		Files.writeString(PAUSE, "");
		try {
			cutOff = CompletableFuture.supplyAsync(() -> redeemUnchecked(client, id));
			await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(PAUSED));
			deployment.node(0).kill();
		}
		finally {
			Files.deleteIfExists(PAUSE);
			Files.deleteIfExists(PAUSED);
		}
		assertThatThrownBy(cutOff::join).isInstanceOf(CompletionException.class);
		deployment.node(0).restart();

		TokenAnswer next = client.redeem(id);
		assertThat(next.status()).isEqualTo(200);
		assertThat(client.validateIdToken(next.tokens().getIDToken()).getIssuer().getValue())
			.isEqualTo(PackagedCluster.ISSUER);
		TokenAnswer retry = client.redeem(id);
		assertThat(retry.status()).isEqualTo(400);
		assertThat(retry.errorCode()).isEqualTo("invalid_grant");
	}

	/*
	 * The other half: the kill comes right after the 200 token response, so the
	 * redemption had committed. A retry on the restarted node must not get a second set
	 * of tokens.
	 */
	@Test
	void tokenWhenNodeKilledAfterTheRedemptionCommittedThenARetryOnTheRestartedNodeIsInvalidGrant() throws Exception {
		CibaClient client = CibaClient.throughNode(PackagedCluster.ISSUER, node());
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Redeemed, then killed");
		assertThat(phone.approve(pendingWith("Redeemed, then killed")).status()).isEqualTo(200);
		AuthRequestID id = started.acknowledgement().getAuthRequestID();
		assertThat(client.redeem(id).status()).isEqualTo(200);

		deployment.node(0).kill();
		deployment.node(0).restart();

		TokenAnswer retry = client.redeem(id);
		assertThat(retry.status()).isEqualTo(400);
		assertThat(retry.errorCode()).isEqualTo("invalid_grant");
	}

	/**
	 * Waits for the second notification of the request (the first is the one the kill cut
	 * off), then checks that no third comes during a quiet period.
	 */
	private static List<NotificationReceiver.Notification> awaitDeliveredTwice(String path, AuthRequestID id) {
		NotificationReceiver receiver = deployment.receiver();
		await().atMost(CLAIM_LEASE.plusSeconds(15)).until(() -> receiver.received(path, id.getValue()).size() >= 2);
		await().during(QUIET)
			.atMost(QUIET.plusSeconds(1))
			.until(() -> receiver.received(path, id.getValue()).size() == 2);
		return receiver.received(path, id.getValue());
	}

	private static TokenAnswer redeemUnchecked(CibaClient client, AuthRequestID id) {
		try {
			return client.redeem(id);
		}
		catch (IOException ex) {
			throw new CompletionException(ex);
		}
	}

	/**
	 * The device's push outbox rows, each as its status, claims and recorded attempts.
	 */
	private static List<String> pushOutbox(String deviceId) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(deployment.databaseUrl());
				PreparedStatement statement = connection.prepareStatement("""
						SELECT o.status, o.attempts,
						  (SELECT count(*) FROM push_attempt a
						   WHERE a.push_auth_id = o.push_auth_id AND a.device_id = o.device_id) AS recorded
						FROM push_outbox o WHERE o.device_id = ? ORDER BY o.id""")) {
			statement.setString(1, deviceId);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					rows.add(result.getString("status") + " after " + result.getInt("attempts") + " claim(s), "
							+ result.getLong("recorded") + " attempt(s)");
				}
			}
		}
		return rows;
	}

	private static String node() {
		return deployment.nodeA();
	}

	private static ConformanceClient suiteClient(SuiteClient client) throws Exception {
		return new ConformanceClient(client, CibaClient.throughNode(PackagedCluster.ISSUER, node()).metadata(),
				deployment.key(client), (id) -> {
				});
	}

	/**
	 * The phone's pending request with the binding message; fails if there is none.
	 */
	private static PendingRequest pendingWith(String bindingMessage) {
		return phone.pending()
			.stream()
			.filter((pending) -> bindingMessage.equals(pending.bindingMessage()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No pending request \"" + bindingMessage + "\""));
	}

}
