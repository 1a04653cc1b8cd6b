package dev.ciba.e2e;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.ciba.CIBAPingCallback;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Conformance checklist section H: ping mode, and item 34 (the server's own TLS towards
 * notification endpoints). The ping client's endpoint is the suite's HTTPS receiver; each
 * test scripts its answer.
 * <p>
 * Not here: item 114 (FAPI: cipher suites of pings; the server verifies the endpoint's
 * certificate, which this suite relies on, and never logs the notification token).
 */
class PingModeConformanceTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	private static final String PING = "/ping";

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	/**
	 * Longer than a retry would take ({@code retry-delay} 1 s in this suite).
	 */
	private static final Duration NO_RETRY_WINDOW = Duration.ofMillis(2500);

	@Test
	void item106_pingIsOneJsonPostOfTheAuthReqIdWithTheBearerToken() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PING);
		BackchannelReply started = client.startForAlice();
		AuthRequestID id = started.authReqId();

		suite.hook().approve(id);
		NotificationReceiver.Notification ping = suite.receiver().await(PING, id.getValue(), DELIVERY);
		NotificationReceiver.pause(NO_RETRY_WINDOW);

		assertThat(ping.method()).isEqualTo("POST");
		assertThat(ping.contentType()).startsWith("application/json");
		assertThat(ping.authorization()).isEqualTo("Bearer " + started.notificationToken().getValue());
		assertThat(JSONObjectUtils.parse(ping.body())).containsExactly(entry("auth_req_id", id.getValue()));
		CIBAPingCallback callback = CIBAPingCallback.parse(ping.toHttpRequest(URI.create(suite.receiver().url(PING))));
		assertThat(callback.getAuthRequestID()).isEqualTo(id);
		assertThat(callback.getAccessToken()).isEqualTo(started.notificationToken());
		assertThat(suite.receiver().received(PING, id.getValue())).hasSize(1);
	}

	@Test
	void item034_pingsTravelOverTls12OrNewer() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PING);
		AuthRequestID id = client.startForAlice().authReqId();

		suite.hook().approve(id);
		NotificationReceiver.Notification ping = suite.receiver().await(PING, id.getValue(), DELIVERY);

		assertThat(ping.tlsProtocol()).isIn("TLSv1.2", "TLSv1.3");
	}

	@Test
	void item107_clientRedeemsAfterThePingAndLearnsOfADenial() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PING);
		AuthRequestID approved = client.startForAlice().authReqId();
		AuthRequestID denied = client.startForAlice().authReqId();

		suite.hook().approve(approved);
		suite.hook().deny(denied);
		suite.receiver().await(PING, approved.getValue(), DELIVERY);
		suite.receiver().await(PING, denied.getValue(), DELIVERY);

		TokenReply tokens = client.redeem(approved);
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(client.validateIdToken(tokens.tokens().getIDToken()).getSubject()).isNotNull();
		OAuthErrors.assertOAuthError(client.redeem(denied).http(), 400, "access_denied");
	}

	@Test
	void item108_endpointAnswering200WithABodyIsFine() throws Exception {
		suite.receiver()
			.answer(PING, new NotificationReceiver.Answer(200, Map.of("Content-Type", "application/json"),
					"{\"received\":true}"));

		assertPingOnceThenTokens();
	}

	@Test
	void item109_endpointAnswering401Or403DoesNotBurnTheGrant() throws Exception {
		suite.receiver().answer(PING, NotificationReceiver.Answer.status(401));
		assertPingOnceThenTokens();

		suite.receiver().answer(PING, NotificationReceiver.Answer.status(403));
		assertPingOnceThenTokens();
	}

	@Test
	void item110_noRetryAfter401() throws Exception {
		suite.receiver().answer(PING, NotificationReceiver.Answer.status(401));
		ConformanceClient client = suite.client(SuiteClient.PING);
		AuthRequestID id = client.startForAlice().authReqId();

		suite.hook().approve(id);
		suite.receiver().await(PING, id.getValue(), DELIVERY);
		NotificationReceiver.pause(NO_RETRY_WINDOW.multipliedBy(2));

		assertThat(suite.receiver().received(PING, id.getValue())).hasSize(1);
	}

	@Test
	void item111_redirectIsNotFollowed() throws Exception {
		String target = "/redirect-target";
		suite.receiver()
			.answer(PING, new NotificationReceiver.Answer(301, Map.of("Location", suite.receiver().url(target)), ""));

		AuthRequestID id = assertPingOnceThenTokens();

		assertThat(suite.receiver().received(target)).isEmpty();
		assertThat(suite.receiver().received(PING, id.getValue())).hasSize(1);
	}

	@Test
	void item112_pollClientsAreNeverNotified() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.POLL_WITH_ENDPOINT);
		AuthRequestID approved = client.startForAlice().authReqId();
		AuthRequestID denied = client.startForAlice().authReqId();

		suite.hook().approve(approved);
		suite.hook().deny(denied);
		TokenReply tokens = client.redeem(approved);
		NotificationReceiver.pause(NO_RETRY_WINDOW);

		assertThat(tokens.status()).isEqualTo(200);
		assertThat(suite.receiver().received(SuiteClient.POLL_WITH_ENDPOINT.notificationPath())).isEmpty();
	}

	/**
	 * The server sends no ping on expiry (optional in CIBA Core; the README says so).
	 */
	@Test
	void item113_expiryIsNotPingedAndIsExpiredTokenAtTheTokenEndpoint() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PING);
		AuthRequestID id = client.startForAlice(client.request("openid").requestedExpiry(5)).authReqId();
		Instant expiry = Instant.now().plusSeconds(5);

		NotificationReceiver.pause(Duration.between(Instant.now(), expiry.plusSeconds(1)));

		OAuthErrors.assertOAuthError(client.redeem(id).http(), 400, "expired_token");
		assertThat(suite.receiver().received(PING, id.getValue())).isEmpty();
	}

	private static AuthRequestID assertPingOnceThenTokens() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PING);
		AuthRequestID id = client.startForAlice().authReqId();
		suite.hook().approve(id);
		suite.receiver().await(PING, id.getValue(), DELIVERY);
		NotificationReceiver.pause(NO_RETRY_WINDOW);

		TokenReply tokens = client.redeem(id);

		assertThat(suite.receiver().received(PING, id.getValue())).hasSize(1);
		assertThat(tokens.status()).as(tokens.http().getBody()).isEqualTo(200);
		return id;
	}

}
