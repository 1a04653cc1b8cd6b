package dev.ciba.e2e;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance checklist section G: the token endpoint with the CIBA grant.
 * <p>
 * Not here: item 99 (long polling, optional; the server answers at once) and items 104
 * and 105 (FAPI: MTLS).
 */
class TokenEndpointConformanceTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	private static final String CIBA_GRANT = SuiteClient.Grants.CIBA;

	/** The interval the server names, plus a margin for the clocks. */
	private static final Duration INTERVAL = Duration.ofMillis(5200);

	@Test
	void item088_missingAuthReqIdIsInvalidRequest() throws Exception {
		TokenReply reply = suite.client(SuiteClient.DEMO).sendTokenForm(Map.of("grant_type", CIBA_GRANT));

		OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_request");
	}

	@Test
	void item089_clientWithoutTheCibaGrantIsUnauthorized() throws Exception {
		TokenReply reply = suite.client(SuiteClient.NO_CIBA).redeem(new AuthRequestID(ConformanceClient.randomToken()));

		OAuthErrors.assertOAuthError(reply.http(), 400, "unauthorized_client");
	}

	@Test
	void item090_pushClientMayNotUseTheTokenEndpoint() throws Exception {
		ConformanceClient push = suite.client(SuiteClient.PUSH);
		AuthRequestID own = push.startForAlice().authReqId();

		TokenReply reply = push.redeem(own);

		OAuthErrors.assertOAuthError(reply.http(), 400, "unauthorized_client");
	}

	@Test
	void item091_unknownAuthReqIdIsInvalidGrant() throws Exception {
		TokenReply reply = suite.client(SuiteClient.DEMO).redeem(new AuthRequestID(ConformanceClient.randomToken()));

		OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_grant");
	}

	@Test
	void item092_anotherClientsAuthReqIdIsInvalidGrantAndChangesNothing() throws Exception {
		ConformanceClient c1 = suite.client(SuiteClient.DEMO);
		ConformanceClient c2 = suite.client(SuiteClient.SECOND);
		AuthRequestID ofC1 = c1.startForAlice().authReqId();

		TokenReply pendingForC2 = c2.redeem(ofC1);
		suite.hook().approve(ofC1);
		TokenReply approvedForC2 = c2.redeem(ofC1);

		OAuthErrors.assertOAuthError(pendingForC2.http(), 400, "invalid_grant");
		OAuthErrors.assertOAuthError(approvedForC2.http(), 400, "invalid_grant");
		assertThat(c1.redeem(ofC1).status()).isEqualTo(200);
	}

	/**
	 * Ping clients may poll as well (MODRNA issue #80).
	 */
	@Test
	void item093_pollingBeforeTheAnswerIsAuthorizationPendingInPollAndPingMode() throws Exception {
		ConformanceClient poll = suite.client(SuiteClient.DEMO);
		ConformanceClient ping = suite.client(SuiteClient.PING);
		AuthRequestID polled = poll.startForAlice().authReqId();
		AuthRequestID pinged = ping.startForAlice().authReqId();

		TokenReply firstPoll = poll.redeem(polled);
		TokenReply firstPing = ping.redeem(pinged);
		NotificationReceiver.pause(INTERVAL);
		TokenReply secondPoll = poll.redeem(polled);
		TokenReply secondPing = ping.redeem(pinged);

		for (TokenReply reply : List.of(firstPoll, firstPing, secondPoll, secondPing)) {
			OAuthErrors.assertOAuthError(reply.http(), 400, "authorization_pending");
		}
	}

	/**
	 * Also when the customer had approved before the expiry: expired is expired.
	 */
	@Test
	void item094_expiredRequestIsExpiredToken() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		BackchannelReply unanswered = client.startForAlice(client.request("openid").requestedExpiry(5));
		BackchannelReply approved = client.startForAlice(client.request("openid").requestedExpiry(5));
		suite.hook().approve(approved.authReqId());
		Instant expiry = Instant.now().plusSeconds(5);

		NotificationReceiver.pause(Duration.between(Instant.now(), expiry.plusMillis(700)));

		OAuthErrors.assertOAuthError(client.redeem(unanswered.authReqId()).http(), 400, "expired_token");
		OAuthErrors.assertOAuthError(client.redeem(approved.authReqId()).http(), 400, "expired_token");
		assertThat(suite.hook().decide(unanswered.authReqId().getValue(), "approve").getStatusCode()).isEqualTo(409);
	}

	@Test
	void item095_deniedRequestIsAccessDenied() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		AuthRequestID id = client.startForAlice().authReqId();

		TokenReply beforeAnswer = client.redeem(id);
		suite.hook().deny(id);
		NotificationReceiver.pause(INTERVAL);
		TokenReply afterDenial = client.redeem(id);

		OAuthErrors.assertOAuthError(beforeAnswer.http(), 400, "authorization_pending");
		OAuthErrors.assertOAuthError(afterDenial.http(), 400, "access_denied");
	}

	@Test
	void item096_approvedRequestIsRedeemedOnceEvenByConcurrentPolls() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		AuthRequestID sequential = client.startForAlice().authReqId();
		AuthRequestID concurrent = client.startForAlice().authReqId();
		suite.hook().approve(sequential);
		suite.hook().approve(concurrent);

		TokenReply first = client.redeem(sequential);
		TokenReply second = client.redeem(sequential);
		List<TokenReply> racing = redeemConcurrently(client, concurrent, 4);

		assertThat(first.status()).isEqualTo(200);
		OAuthErrors.assertOAuthError(second.http(), 400, "invalid_grant");
		assertThat(racing).filteredOn((reply) -> reply.status() == 200).hasSize(1);
		assertThat(racing).filteredOn((reply) -> reply.status() != 200)
			.hasSize(3)
			.allSatisfy((reply) -> OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_grant"));
	}

	/**
	 * Request A shows that the old interval is no longer enough after a
	 * {@code slow_down}; request B, polled the same way, that the interval grown by five
	 * seconds is.
	 */
	@Test
	void item097_pollingTooFastIsSlowDownAndTheIntervalGrowsByFiveSeconds() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		AuthRequestID a = client.startForAlice().authReqId();
		AuthRequestID b = client.startForAlice().authReqId();
		List<TokenReply> firstPolls = List.of(client.redeem(a), client.redeem(b));

		List<TokenReply> tooFast = List.of(client.redeem(a), client.redeem(b));
		Instant slowedDown = Instant.now();
		NotificationReceiver.pause(Duration.between(Instant.now(), slowedDown.plus(INTERVAL)));
		TokenReply aAfterOldInterval = client.redeem(a);
		NotificationReceiver.pause(Duration.between(Instant.now(), slowedDown.plus(INTERVAL).plusSeconds(5)));
		TokenReply bAfterGrownInterval = client.redeem(b);

		firstPolls.forEach((reply) -> OAuthErrors.assertOAuthError(reply.http(), 400, "authorization_pending"));
		tooFast.forEach((reply) -> OAuthErrors.assertOAuthError(reply.http(), 400, "slow_down"));
		OAuthErrors.assertOAuthError(aAfterOldInterval.http(), 400, "slow_down");
		OAuthErrors.assertOAuthError(bAfterGrownInterval.http(), 400, "authorization_pending");
	}

	@Test
	void item098_burstOfTwentyPollsIsPendingThenSlowDownNeverAHardError() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		AuthRequestID id = client.startForAlice().authReqId();

		List<TokenReply> burst = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			burst.add(client.redeem(id));
		}

		OAuthErrors.assertOAuthError(burst.get(0).http(), 400, "authorization_pending");
		burst.subList(1, 20).forEach((reply) -> OAuthErrors.assertOAuthError(reply.http(), 400, "slow_down"));
	}

	@Test
	void item100_tokenResponseIsNotCachedAndCarriesBearerAndIdTokens() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		TokenReply reply = suite.approveAndRedeem(client, client.startForAlice(client.request("openid", "profile")));
		JSONObject body = reply.json();

		assertThat(reply.http().getEntityContentType().matches(ContentType.APPLICATION_JSON)).isTrue();
		assertThat(reply.cacheControlDirectives()).contains("no-store");
		assertThat(reply.tokens().getAccessToken().getType()).isEqualTo(AccessTokenType.BEARER);
		assertThat(reply.tokens().getAccessToken().getValue().length()).isGreaterThanOrEqualTo(22);
		assertThat(body.get("expires_in")).isInstanceOf(Number.class);
		assertThat(((Number) body.get("expires_in")).longValue()).isPositive();
		assertThat(reply.tokens().getIDToken()).isNotNull();
		assertThat(body.get("scope").toString().split(" ")).containsExactlyInAnyOrder("openid", "profile");
		// A refresh token only for clients with the refresh_token grant (item 128).
		assertThat(body).doesNotContainKey("refresh_token");
	}

	@Test
	void item101_tokenRequestWithAClientIdButNoAssertionIsRefused() throws Exception {
		AuthRequestID id = suite.client(SuiteClient.PRIVATE_KEY_JWT).startForAlice().authReqId();

		HTTPResponse answer = ConformanceClient.postForm(suite.metadata().getTokenEndpointURI(), Map.of("grant_type",
				CIBA_GRANT, "auth_req_id", id.getValue(), "client_id", SuiteClient.PRIVATE_KEY_JWT.clientId()));

		OAuthErrors.assertOAuthError(answer, 401, "invalid_client");
	}

	/**
	 * FAPI's rule, and this client's registration
	 * ({@code token-endpoint-auth-signing-alg} PS256).
	 */
	@Test
	void item102_assertionWithAnotherAlgorithmThanTheRegisteredOneIsRefused() throws Exception {
		AuthRequestID id = suite.client(SuiteClient.PRIVATE_KEY_JWT).startForAlice().authReqId();
		JWTClaimsSet claims = ClientAssertions
			.claims(SuiteClient.PRIVATE_KEY_JWT, suite.metadata().getTokenEndpointURI())
			.build();

		HTTPResponse answer = ConformanceClient.postForm(suite.metadata().getTokenEndpointURI(),
				redemption(id, claims, JWSAlgorithm.RS256));

		OAuthErrors.assertOAuthError(answer, 401, "invalid_client");
	}

	@Test
	void item103_assertionWithTheIssuerOrTheBackchannelEndpointAsAudienceIsAccepted() throws Exception {
		AuthRequestID id = suite.client(SuiteClient.PRIVATE_KEY_JWT).startForAlice().authReqId();
		URI tokenEndpoint = suite.metadata().getTokenEndpointURI();

		HTTPResponse issuerAudience = ConformanceClient.postForm(tokenEndpoint,
				redemption(id,
						ClientAssertions.claims(SuiteClient.PRIVATE_KEY_JWT, URI.create(suite.baseUrl())).build(),
						JWSAlgorithm.PS256));
		suite.hook().approve(id);
		HTTPResponse backchannelAudience = ConformanceClient.postForm(tokenEndpoint, redemption(id,
				ClientAssertions
					.claims(SuiteClient.PRIVATE_KEY_JWT, suite.metadata().getBackChannelAuthenticationEndpointURI())
					.build(),
				JWSAlgorithm.PS256));

		OAuthErrors.assertOAuthError(issuerAudience, 400, "authorization_pending");
		assertThat(backchannelAudience.getStatusCode()).as(backchannelAudience.getBody()).isEqualTo(200);
	}

	private static Map<String, String> redemption(AuthRequestID id, JWTClaimsSet assertion, JWSAlgorithm algorithm) {
		Map<String, String> form = new LinkedHashMap<>(ClientAssertions.fields(SuiteClient.PRIVATE_KEY_JWT,
				RequestObjects.sign(assertion, suite.key(SuiteClient.PRIVATE_KEY_JWT), algorithm).serialize()));
		form.put("grant_type", CIBA_GRANT);
		form.put("auth_req_id", id.getValue());
		return form;
	}

	private static List<TokenReply> redeemConcurrently(ConformanceClient client, AuthRequestID id, int count)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			List<Callable<TokenReply>> polls = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				polls.add(() -> client.redeem(id));
			}
			List<TokenReply> replies = new ArrayList<>();
			for (Future<TokenReply> reply : pool.invokeAll(polls)) {
				replies.add(reply.get());
			}
			return replies;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
