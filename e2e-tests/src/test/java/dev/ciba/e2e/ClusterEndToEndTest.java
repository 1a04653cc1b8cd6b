package dev.ciba.e2e;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.ciba.CIBAPushCallback;
import com.nimbusds.oauth2.sdk.ciba.CIBATokenDelivery;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.ciba.simulator.DiscoveryData;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one database ({@link PackagedCluster}) are interchangeable: a request made
 * on one is answered and redeemed on the other, {@code slow_down} holds across them, each
 * ping and push goes out once although both run the delivery outbox, and tokens from
 * either verify with the keys either publishes.
 */
class ClusterEndToEndTest {

	@RegisterExtension
	static final PackagedCluster cluster = new PackagedCluster();

	@RegisterExtension
	final BrowserExtension browsers = new BrowserExtension();

	private static final String PING = "/ping";

	private static final String PUSH = "/push";

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	/**
	 * How long no second copy of a delivered notification may arrive. A duplicate would
	 * come from the other node claiming the same row, which it tries every
	 * {@value PackagedCluster#DELIVERY_POLL_MILLIS} ms, or from a retry (after 1 s here);
	 * twice the retry delay covers both several times over. Silence cannot be awaited, so
	 * this is a bounded quiet period.
	 */
	private static final Duration QUIET = Duration.ofSeconds(2);

	/**
	 * Notifications sent in each mode: several, so that both nodes' dispatchers get the
	 * chance to race for a row.
	 */
	private static final int NOTIFICATIONS = 3;

	/** Alice's phone, registered through node B and answering on node A. */
	private static Phone phoneOnA;

	@BeforeAll
	static void registerPhoneThroughBAnsweringOnA() throws IOException {
		DiscoveryData data = PortalSession.logIn(cluster.nodeB(), Phones.USERNAME, Phones.PASSWORD).discoveryData();
		assertThat(data.host()).isEqualTo(PackagedCluster.ISSUER);
		phoneOnA = Phone.register(Phones.reachedAt(data, cluster.nodeA()), "Phone on node A", KeyType.EC,
				Phone.newHttpClient());
	}

	@Test
	void pollWhenRequestedOnAAnsweredOnBAndPolledOnBothThenTokensVerifyWithEitherNodesKeys(Browser browser)
			throws Exception {
		Phone phoneOnB = Phones.registerThroughPortal(new Portal(browser, cluster.nodeA()), "Phone on node B",
				KeyType.RSA, cluster.nodeB());
		CibaClient clientOnA = CibaClient.throughNode(PackagedCluster.ISSUER, cluster.nodeA());
		CibaClient clientOnB = CibaClient.throughNode(PackagedCluster.ISSUER, cluster.nodeB());
		CibaClient.BackchannelAnswer started = clientOnA.startRequest(Phones.USERNAME, "Pay 12 EUR, asked on A");
		assertThat(started.acknowledgement().getMinWaitInterval()).isEqualTo(PackagedCluster.POLL_INTERVAL_SECONDS);
		TokenPolling polling = new TokenPolling(List.of(clientOnA, clientOnB), started.acknowledgement());
		assertThat(polling.poll().errorCode()).isEqualTo("authorization_pending");
		assertThat(polling.poll().errorCode()).isEqualTo("authorization_pending");

		assertThat(phoneOnB.approve(pendingWith(phoneOnB, "Pay 12 EUR, asked on A")).status()).isEqualTo(200);
		TokenAnswer onA = polling.poll();
		TokenAnswer replayOnB = polling.poll();
		JWT fromB = tokensStartedAndRedeemedOnB(clientOnB);

		assertThat(onA.status()).isEqualTo(200);
		assertThat(replayOnB.status()).isEqualTo(400);
		assertThat(replayOnB.errorCode()).isEqualTo("invalid_grant");
		assertThat(pendingWith(phoneOnA, "Pay 12 EUR, asked on A")).isNull();
		JWKSet keysOfA = clientOnA.publishedKeys();
		JWKSet keysOfB = clientOnB.publishedKeys();
		assertThat(keysOfA.toJSONObject()).isEqualTo(keysOfB.toJSONObject());
		JWT fromA = onA.tokens().getIDToken();
		IDTokenClaimsSet aCheckedByB = verified(fromA, CibaClient.CLIENT_ID, keysOfB);
		IDTokenClaimsSet bCheckedByA = verified(fromB, CibaClient.CLIENT_ID, keysOfA);
		assertThat(verified(fromA, CibaClient.CLIENT_ID, keysOfA).getSubject()).isEqualTo(aCheckedByB.getSubject());
		assertThat(verified(fromB, CibaClient.CLIENT_ID, keysOfB).getSubject()).isEqualTo(bCheckedByA.getSubject());
		assertThat(aCheckedByB.getIssuer().getValue()).isEqualTo(PackagedCluster.ISSUER);
		assertThat(bCheckedByA.getIssuer().getValue()).isEqualTo(PackagedCluster.ISSUER);
		assertThat(bCheckedByA.getSubject()).isEqualTo(aCheckedByB.getSubject());
		assertThat(phoneOnB.remove().status()).isEqualTo(204);
	}

	@Test
	void pollWhenTwoPollsWithinTheIntervalGoToDifferentNodesThenTheSecondIsSlowDown() throws Exception {
		CibaClient clientOnA = CibaClient.throughNode(PackagedCluster.ISSUER, cluster.nodeA());
		CibaClient clientOnB = CibaClient.throughNode(PackagedCluster.ISSUER, cluster.nodeB());
		CibaClient.BackchannelAnswer started = clientOnB.startRequest(Phones.USERNAME, "Polled too fast");
		AuthRequestID id = started.acknowledgement().getAuthRequestID();

		TokenAnswer first = clientOnA.redeem(id);
		TokenAnswer second = clientOnB.redeem(id);

		assertThat(first.errorCode()).isEqualTo("authorization_pending");
		assertThat(second.status()).isEqualTo(400);
		assertThat(second.errorCode()).isEqualTo("slow_down");
		assertThat(phoneOnA.deny(pendingWith(phoneOnA, "Polled too fast")).status()).isEqualTo(200);
	}

	@Test
	void pingWhenRequestedOnAAndApprovedOnBThenOnePingPerRequestAndTokensOnB() throws Exception {
		Phone phoneOnB = phoneReachedAt(cluster.nodeB());
		ConformanceClient onA = suiteClient(SuiteClient.PING, cluster.nodeA());
		ConformanceClient onB = suiteClient(SuiteClient.PING, cluster.nodeB());
		List<AuthRequestID> ids = new ArrayList<>();
		for (int i = 0; i < NOTIFICATIONS; i++) {
			ids.add(onA.startForAlice(onA.request("openid").bindingMessage("Ping " + i)).authReqId());
		}

		for (int i = 0; i < NOTIFICATIONS; i++) {
			assertThat(phoneOnB.approve(pendingWith(phoneOnB, "Ping " + i)).status()).isEqualTo(200);
		}

		assertEachDeliveredOnce(PING, ids);
		for (AuthRequestID id : ids) {
			TokenReply tokens = onB.redeem(id);
			assertThat(tokens.status()).as(tokens.http().getBody()).isEqualTo(200);
		}
		assertThat(phoneOnB.remove().status()).isEqualTo(204);
	}

	@Test
	void pushWhenRequestedOnBAndApprovedOnAThenOnePushPerRequestWithTokensVerifiedByBothNodes() throws Exception {
		ConformanceClient onB = suiteClient(SuiteClient.PUSH, cluster.nodeB());
		List<AuthRequestID> ids = new ArrayList<>();
		for (int i = 0; i < NOTIFICATIONS; i++) {
			ids.add(onB.startForAlice(onB.request("openid").bindingMessage("Push " + i)).authReqId());
		}

		for (int i = 0; i < NOTIFICATIONS; i++) {
			assertThat(phoneOnA.approve(pendingWith(phoneOnA, "Push " + i)).status()).isEqualTo(200);
		}

		assertEachDeliveredOnce(PUSH, ids);
		JWKSet keysOfA = CibaClient.throughNode(PackagedCluster.ISSUER, cluster.nodeA()).publishedKeys();
		JWKSet keysOfB = CibaClient.throughNode(PackagedCluster.ISSUER, cluster.nodeB()).publishedKeys();
		for (AuthRequestID id : ids) {
			NotificationReceiver.Notification push = cluster.receiver().received(PUSH, id.getValue()).get(0);
			CIBAPushCallback callback = CIBAPushCallback
				.parse(push.toHttpRequest(URI.create(cluster.receiver().url(PUSH))));
			assertThat(callback.getAuthRequestID()).isEqualTo(id);
			JWT idToken = ((CIBATokenDelivery) callback).getOIDCTokens().getIDToken();
			String clientId = SuiteClient.PUSH.clientId();
			assertThat(verified(idToken, clientId, keysOfA).getIssuer().getValue()).isEqualTo(PackagedCluster.ISSUER);
			assertThat(verified(idToken, clientId, keysOfB).getIssuer().getValue()).isEqualTo(PackagedCluster.ISSUER);
		}
	}

	/**
	 * Waits until every request's notification arrived, then checks that during a quiet
	 * period no request got a second one.
	 */
	private static void assertEachDeliveredOnce(String path, List<AuthRequestID> ids) {
		NotificationReceiver receiver = cluster.receiver();
		await().atMost(DELIVERY)
			.until(() -> ids.stream().allMatch((id) -> !receiver.received(path, id.getValue()).isEmpty()));
		await().during(QUIET)
			.atMost(QUIET.plusSeconds(1))
			.until(() -> ids.stream().allMatch((id) -> receiver.received(path, id.getValue()).size() == 1));
	}

	private static JWT tokensStartedAndRedeemedOnB(CibaClient clientOnB) throws Exception {
		CibaClient.BackchannelAnswer started = clientOnB.startRequest(Phones.USERNAME, "Pay 3 EUR, asked on B");
		assertThat(phoneOnA.approve(pendingWith(phoneOnA, "Pay 3 EUR, asked on B")).status()).isEqualTo(200);
		TokenAnswer answer = clientOnB.redeem(started.acknowledgement().getAuthRequestID());
		assertThat(answer.status()).isEqualTo(200);
		return answer.tokens().getIDToken();
	}

	/**
	 * A second phone of alice's, registered through node A and answering on the node.
	 */
	private static Phone phoneReachedAt(String node) throws IOException {
		DiscoveryData data = PortalSession.logIn(cluster.nodeA(), Phones.USERNAME, Phones.PASSWORD).discoveryData();
		return Phone.register(Phones.reachedAt(data, node), "Second phone", KeyType.EC, Phone.newHttpClient());
	}

	private static ConformanceClient suiteClient(SuiteClient client, String node) throws Exception {
		return new ConformanceClient(client, CibaClient.throughNode(PackagedCluster.ISSUER, node).metadata(),
				cluster.key(client), (id) -> {
				});
	}

	/**
	 * The phone's pending request with the binding message, or {@code null}.
	 */
	private static PendingRequest pendingWith(Phone phone, String bindingMessage) {
		return phone.pending()
			.stream()
			.filter((pending) -> bindingMessage.equals(pending.bindingMessage()))
			.findFirst()
			.orElse(null);
	}

	private static IDTokenClaimsSet verified(JWT idToken, String clientId, JWKSet keys) throws Exception {
		return new IDTokenValidator(new Issuer(PackagedCluster.ISSUER), new ClientID(clientId), JWSAlgorithm.RS256,
				keys)
			.validate(idToken, null);
	}

}
