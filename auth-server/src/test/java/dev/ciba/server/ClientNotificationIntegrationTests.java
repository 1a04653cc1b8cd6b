package dev.ciba.server;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.NotificationReceiver.Call;
import dev.ciba.server.ciba.AuthReqId;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.delivery.ClientNotificationDispatcher;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.ServerAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ping and push token delivery on PostgreSQL, against a notification endpoint on
 * 127.0.0.1 ({@link NotificationReceiver}) that answers as each test scripts it.
 */
class ClientNotificationIntegrationTests extends CustomerFlowIntegrationTest {

	private static final String PING_CLIENT = "ping-client";

	private static final String PING_SECRET = "ping-client-secret-0123456789abcdefgh";

	private static final String PUSH_CLIENT = "push-client";

	private static final String PUSH_SECRET = "push-client-secret-0123456789abcdefgh";

	/** Long enough for any delivery here, short enough that a lost one fails fast. */
	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration POLL = Duration.ofMillis(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final NotificationReceiver receiver = NotificationReceiver.shared();

	private final List<String> hanging = new java.util.ArrayList<>();

	@Autowired
	private ClientNotificationDispatcher dispatcher;

	private CibaTestClient client;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
	}

	@AfterEach
	void releaseHangingAnswers() {
		this.hanging.forEach(this.receiver::release);
	}

	@Test
	void pingWhenCustomerApprovesThenOnePingWithTheBearerTokenAndOnlyTheAuthReqId() throws Exception {
		Phone phone = registerPhone(newCustomer());
		String token = newToken();
		Answer started = start(PING_CLIENT, PING_SECRET, phone, token);
		String authReqId = started.json().path("auth_req_id").asString();

		assertThat(approve(phone).status()).isEqualTo(200);
		List<Call> calls = this.receiver.awaitCalls(token, 1, WAIT);

		assertThat(started.json().path("interval").asInt()).isEqualTo(5);
		assertThat(calls).hasSize(1);
		Call ping = calls.get(0);
		assertThat(ping.method()).isEqualTo("POST");
		assertThat(ping.path()).isEqualTo("/ping-client");
		assertThat(ping.contentType()).isEqualTo("application/json");
		assertThat(ping.authorization()).isEqualTo("Bearer " + token);
		assertThat(ping.body()).isEqualTo("{\"auth_req_id\":\"" + authReqId + "\"}");
		awaitStatus(authReqId, "DELIVERED");
		assertThat(attempts(authReqId)).containsExactly("1 DELIVERED 204 null");
		assertThat(notification(authReqId)).containsEntry("auth_req_id", null)
			.containsEntry("notification_token", null)
			.containsEntry("payload", null);
		Answer tokens = this.client.token(PING_CLIENT, PING_SECRET, authReqId);
		assertThat(tokens.status()).isEqualTo(200);
		JWTClaimsSet idToken = verifyIdToken(tokens.json().path("id_token").asString());
		assertThat(idToken.getAudience()).containsExactly(PING_CLIENT);
		assertThat(idToken.getClaims()).doesNotContainKeys("at_hash", "urn:openid:params:jwt:claim:auth_req_id");
		assertThat(this.receiver.calls(token)).hasSize(1);
	}

	@Test
	void tokenWhenPingClientPollsThenItGetsThePollAnswersAndAfterADenialAccessDenied() {
		Phone phone = registerPhone(newCustomer());
		String token = newToken();
		String authReqId = authReqId(start(PING_CLIENT, PING_SECRET, phone, token));

		Answer first = this.client.token(PING_CLIENT, PING_SECRET, authReqId);
		this.clock.advance(Duration.ofSeconds(1));
		Answer early = this.client.token(PING_CLIENT, PING_SECRET, authReqId);
		deny(phone);
		List<Call> calls = this.receiver.awaitCalls(token, 1, WAIT);
		this.clock.advance(Duration.ofSeconds(20));
		Answer denied = this.client.token(PING_CLIENT, PING_SECRET, authReqId);

		assertThat(first.error()).isEqualTo("authorization_pending");
		assertThat(early.error()).isEqualTo("slow_down");
		assertThat(calls).extracting(Call::body).containsExactly("{\"auth_req_id\":\"" + authReqId + "\"}");
		assertThat(denied.status()).isEqualTo(400);
		assertThat(denied.error()).isEqualTo("access_denied");
	}

	@Test
	void pingWhenEndpointAnswers401ThenNoRetryAndTheTokensStayRedeemable() {
		Phone phone = registerPhone(newCustomer());
		String token = newToken();
		this.receiver.script(token, 401);
		String authReqId = authReqId(start(PING_CLIENT, PING_SECRET, phone, token));

		approve(phone);
		awaitStatus(authReqId, "FAILED");
		this.clock.advance(Duration.ofMinutes(1));
		this.dispatcher.dispatchDue();

		assertThat(this.receiver.calls(token)).hasSize(1);
		assertThat(attempts(authReqId)).containsExactly("1 FAILED 401 http_401");
		assertThat(notification(authReqId)).containsEntry("last_error", "http_401").containsEntry("auth_req_id", null);
		Answer tokens = this.client.token(PING_CLIENT, PING_SECRET, authReqId);
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.json().path("access_token").asString()).isNotEmpty();
	}

	@Test
	void pingWhenEndpointAnswers500ThenRetriedOnceAfterTheBackoff() {
		Phone phone = registerPhone(newCustomer());
		String token = newToken();
		this.receiver.script(token, 500, 200);
		String authReqId = authReqId(start(PING_CLIENT, PING_SECRET, phone, token));

		approve(phone);
		assertThat(this.receiver.awaitCalls(token, 1, WAIT)).hasSize(1);
		awaitAttempts(authReqId, 1);
		int beforeBackoff = this.dispatcher.dispatchDue();
		this.clock.advance(Duration.ofSeconds(1));
		List<Call> calls = this.receiver.awaitCalls(token, 2, WAIT);
		awaitStatus(authReqId, "DELIVERED");

		assertThat(beforeBackoff).isZero();
		assertThat(calls).hasSize(2);
		assertThat(calls.get(1).body()).isEqualTo(calls.get(0).body());
		assertThat(attempts(authReqId)).containsExactly("1 RETRY 500 http_500", "2 DELIVERED 200 null");
	}

	@Test
	void pingWhenEndpointRedirectsThenTheRedirectIsNotFollowed() {
		Phone phone = registerPhone(newCustomer());
		String token = newToken();
		this.receiver.script(token, 301);
		String authReqId = authReqId(start(PING_CLIENT, PING_SECRET, phone, token));

		approve(phone);
		awaitStatus(authReqId, "FAILED");

		assertThat(this.receiver.calls(token)).extracting(Call::path).containsExactly("/ping-client");
		assertThat(this.receiver.callsTo("/redirected")).isEmpty();
		assertThat(attempts(authReqId)).containsExactly("1 FAILED 301 http_301");
		assertThat(this.client.token(PING_CLIENT, PING_SECRET, authReqId).status()).isEqualTo(200);
	}

	@Test
	void pingWhenOneEndpointHangsThenOtherDeliveriesStillGoOut() {
		Phone slowPhone = registerPhone(newCustomer());
		Phone phone = registerPhone(newCustomer());
		String slowToken = newToken();
		String token = newToken();
		this.receiver.hang(slowToken);
		this.hanging.add(slowToken);
		String slowId = authReqId(start(PING_CLIENT, PING_SECRET, slowPhone, slowToken));
		String authReqId = authReqId(start(PING_CLIENT, PING_SECRET, phone, token));

		approve(slowPhone);
		assertThat(this.receiver.awaitCalls(slowToken, 1, WAIT)).hasSize(1);
		approve(phone);
		List<Call> calls = this.receiver.awaitCalls(token, 1, WAIT);
		List<String> slowAttempts = attempts(slowId);

		assertThat(calls).hasSize(1);
		assertThat(slowAttempts).isEmpty();
		assertThat(notification(slowId)).containsEntry("status", "DUE");
		awaitStatus(authReqId, "DELIVERED");
	}

	@Test
	void pushWhenCustomerApprovesThenTheTokensArePushedWithAnIdTokenBoundToThem() throws Exception {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String token = newToken();
		Answer started = start(PUSH_CLIENT, PUSH_SECRET, phone, token);
		String authReqId = authReqId(started);

		approve(phone);
		List<Call> calls = this.receiver.awaitCalls(token, 1, WAIT);

		assertThat(started.json().has("interval")).isFalse();
		assertThat(started.json().path("expires_in").asInt()).isEqualTo(300);
		assertThat(calls).hasSize(1);
		assertThat(calls.get(0).path()).isEqualTo("/push-client");
		assertThat(calls.get(0).contentType()).isEqualTo("application/json");
		assertThat(calls.get(0).authorization()).isEqualTo("Bearer " + token);
		JsonNode body = JSON.readTree(calls.get(0).body());
		assertThat(fieldNames(body)).containsExactly("auth_req_id", "access_token", "token_type", "expires_in",
				"refresh_token", "id_token");
		assertThat(body.path("auth_req_id").asString()).isEqualTo(authReqId);
		assertThat(body.path("token_type").asString()).isEqualTo("Bearer");
		assertThat(body.path("expires_in").asInt()).isEqualTo(300);
		String accessToken = body.path("access_token").asString();
		String refreshToken = body.path("refresh_token").asString();
		JWTClaimsSet idToken = verifyIdToken(body.path("id_token").asString());
		assertThat(idToken.getSubject()).isEqualTo(customer.id());
		assertThat(idToken.getAudience()).containsExactly(PUSH_CLIENT);
		assertThat(idToken.getStringClaim("urn:openid:params:jwt:claim:auth_req_id")).isEqualTo(authReqId);
		assertThat(idToken.getStringClaim("at_hash")).isEqualTo(leftHalfSha256(accessToken));
		assertThat(idToken.getStringClaim("urn:openid:params:jwt:claim:rt_hash"))
			.isEqualTo(leftHalfSha256(refreshToken));
		awaitStatus(authReqId, "DELIVERED");
		assertThat(notification(authReqId)).containsEntry("payload", null).containsEntry("auth_req_id", null);
		assertThat(requestStatus(authReqId)).isEqualTo("REDEEMED");
		Answer redeem = this.client.token(PUSH_CLIENT, PUSH_SECRET, authReqId);
		assertThat(redeem.status()).isEqualTo(400);
		assertThat(redeem.error()).isEqualTo("unauthorized_client");
	}

	@Test
	void pushWhenEndpointFailsOnceThenTheSameTokensAreDeliveredAgain() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String token = newToken();
		this.receiver.script(token, 503, 204);
		String authReqId = authReqId(start(PUSH_CLIENT, PUSH_SECRET, phone, token));

		approve(phone);
		assertThat(this.receiver.awaitCalls(token, 1, WAIT)).hasSize(1);
		awaitAttempts(authReqId, 1);
		this.clock.advance(Duration.ofSeconds(1));
		List<Call> calls = this.receiver.awaitCalls(token, 2, WAIT);
		awaitStatus(authReqId, "DELIVERED");

		assertThat(calls).hasSize(2);
		assertThat(calls.get(1).body()).isEqualTo(calls.get(0).body());
		assertThat(JSON.readTree(calls.get(0).body()).path("access_token").asString()).isNotEmpty();
		assertThat(attempts(authReqId)).containsExactly("1 RETRY 503 http_503", "2 DELIVERED 204 null");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?")
			.param(customer.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void pushWhenCustomerDeniesThenAccessDeniedIsPushed() {
		Phone phone = registerPhone(newCustomer());
		String token = newToken();
		String authReqId = authReqId(start(PUSH_CLIENT, PUSH_SECRET, phone, token));

		deny(phone);
		List<Call> calls = this.receiver.awaitCalls(token, 1, WAIT);

		assertThat(calls).extracting(Call::body)
			.containsExactly("{\"auth_req_id\":\"" + authReqId + "\",\"error\":\"access_denied\","
					+ "\"error_description\":\"The end-user denied the authorization request\"}");
		assertThat(requestStatus(authReqId)).isEqualTo("DENIED");
	}

	@Test
	void pushWhenRequestExpiresUnansweredThenExpiredTokenIsPushed() {
		Phone phone = registerPhone(newCustomer());
		String token = newToken();
		String authReqId = authReqId(start(PUSH_CLIENT, PUSH_SECRET, phone, token, Map.of("requested_expiry", "5")));

		this.clock.advance(Duration.ofSeconds(6));
		this.dispatcher.dispatchDue();
		List<Call> calls = this.receiver.awaitCalls(token, 1, WAIT);

		assertThat(calls).extracting(Call::body)
			.containsExactly("{\"auth_req_id\":\"" + authReqId + "\",\"error\":\"expired_token\","
					+ "\"error_description\":\"The auth_req_id expired before the end-user approved it\"}");
		awaitStatus(authReqId, "DELIVERED");
	}

	@Test
	void pingWhenRequestExpiresUnansweredThenNoPingAndTheValuesAreForgotten() {
		Phone phone = registerPhone(newCustomer());
		String token = newToken();
		String authReqId = authReqId(start(PING_CLIENT, PING_SECRET, phone, token, Map.of("requested_expiry", "5")));

		this.clock.advance(Duration.ofSeconds(6));
		this.dispatcher.dispatchDue();

		assertThat(notification(authReqId)).containsEntry("status", "CANCELLED")
			.containsEntry("auth_req_id", null)
			.containsEntry("notification_token", null);
		assertThat(this.receiver.calls(token)).isEmpty();
	}

	@Test
	void backchannelWhenPollClientSendsANotificationTokenThenItIsIgnoredAndNothingIsSent() {
		Phone phone = registerPhone(newCustomer());
		String token = newToken();
		String authReqId = authReqId(
				start(CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET, phone, token, Map.of()));

		approve(phone);
		Answer tokens = this.client.token(authReqId);
		this.dispatcher.dispatchDue();

		assertThat(tokens.status()).isEqualTo(200);
		assertThat(this.jdbc
			.sql("SELECT COUNT(*) FROM client_notification n JOIN ciba_request r ON r.id = n.ciba_request_id "
					+ "WHERE r.auth_req_id_hash = ?")
			.param(new AuthReqId(authReqId).hash())
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.receiver.calls(token)).isEmpty();
	}

	@Test
	void backchannelWhenPingOrPushClientSendsNoUsableNotificationTokenThenInvalidRequest() {
		Customer customer = newCustomer();
		registerPhone(customer);

		Answer missing = this.client.backchannel(PING_CLIENT, PING_SECRET,
				CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username())));
		Answer tooLong = this.client.backchannel(PUSH_CLIENT, PUSH_SECRET, CibaTestClient.form(Map.of("scope", "openid",
				"login_hint", customer.username(), "client_notification_token", "a".repeat(1025))));
		Answer lineBreak = this.client.backchannel(PING_CLIENT, PING_SECRET, CibaTestClient.form(Map.of("scope",
				"openid", "login_hint", customer.username(), "client_notification_token", "abc\r\nX-Evil: 1")));
		Answer longest = this.client.backchannel(PING_CLIENT, PING_SECRET, CibaTestClient.form(Map.of("scope", "openid",
				"login_hint", customer.username(), "client_notification_token", "a".repeat(1024))));

		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.error()).isEqualTo("invalid_request");
		assertThat(missing.json().path("error_description").asString())
			.isEqualTo("The client_notification_token parameter is required for ping and push clients");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.error()).isEqualTo("invalid_request");
		assertThat(tooLong.json().path("error_description").asString())
			.isEqualTo("The client_notification_token parameter must have at most 1024 characters");
		assertThat(lineBreak.error()).isEqualTo("invalid_request");
		assertThat(lineBreak.body()).doesNotContain("X-Evil");
		assertThat(longest.status()).isEqualTo(200);
	}

	@Test
	void dispatchWhenANodeDiedDuringADeliveryThenAnotherDeliversItAfterTheLease() {
		Phone phone = registerPhone(newCustomer());
		String token = newToken();
		String authReqId = authReqId(start(PING_CLIENT, PING_SECRET, phone, token));
		// As a node leaves it when it dies after claiming: due, one attempt counted,
		// reserved for the lease.
		this.jdbc.sql("""
				UPDATE client_notification SET status = 'DUE', decision = 'APPROVED', attempts = 1, next_attempt_at = ?
				WHERE ciba_request_id = (SELECT id FROM ciba_request WHERE auth_req_id_hash = ?)""")
			.params(this.clock.instant().plus(Duration.ofSeconds(60)).atOffset(java.time.ZoneOffset.UTC),
					new AuthReqId(authReqId).hash())
			.update();

		int duringLease = this.dispatcher.dispatchDue();
		this.clock.advance(Duration.ofSeconds(61));
		this.dispatcher.dispatchDue();
		List<Call> calls = this.receiver.awaitCalls(token, 1, WAIT);
		awaitStatus(authReqId, "DELIVERED");

		assertThat(duringLease).isZero();
		assertThat(calls).extracting(Call::body).containsExactly("{\"auth_req_id\":\"" + authReqId + "\"}");
		assertThat(attempts(authReqId)).containsExactly("2 DELIVERED 204 null");
	}

	private Answer start(String clientId, String secret, Phone phone, String token) {
		return start(clientId, secret, phone, token, Map.of());
	}

	private Answer start(String clientId, String secret, Phone phone, String token, Map<String, String> extra) {
		Map<String, String> parameters = new LinkedHashMap<>(extra);
		parameters.put("scope", "openid");
		parameters.put("login_hint", phone.username());
		parameters.put("client_notification_token", token);
		Answer answer = this.client.backchannel(clientId, secret, CibaTestClient.form(parameters));
		assertThat(answer.status()).isEqualTo(200);
		return answer;
	}

	private static String authReqId(Answer started) {
		return started.json().path("auth_req_id").asString();
	}

	private static ServerAnswer approve(Phone phone) {
		PendingRequest pending = phone.pending().get(0);
		return phone.approve(pending);
	}

	private static ServerAnswer deny(Phone phone) {
		PendingRequest pending = phone.pending().get(0);
		return phone.deny(pending);
	}

	private static String newToken() {
		return "cnt-" + UUID.randomUUID();
	}

	private Map<String, Object> notification(String authReqId) {
		return NotificationRows.notification(this.jdbc, authReqId);
	}

	private List<String> attempts(String authReqId) {
		return NotificationRows.attempts(this.jdbc, authReqId);
	}

	private String requestStatus(String authReqId) {
		return this.jdbc.sql("SELECT status FROM ciba_request WHERE auth_req_id_hash = ?")
			.param(new AuthReqId(authReqId).hash())
			.query(String.class)
			.single();
	}

	private void awaitStatus(String authReqId, String status) {
		await().atMost(WAIT)
			.pollInterval(POLL)
			.untilAsserted(() -> assertThat(notification(authReqId)).containsEntry("status", status));
	}

	private void awaitAttempts(String authReqId, int count) {
		await().atMost(WAIT).pollInterval(POLL).untilAsserted(() -> assertThat(attempts(authReqId)).hasSize(count));
	}

	private static List<String> fieldNames(JsonNode node) {
		return node.propertyNames().stream().toList();
	}

	// Computed here, independently of the server's code: left half of SHA-256, base64url.
	private static String leftHalfSha256(String token) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
	}

	private JWTClaimsSet verifyIdToken(String idToken) throws Exception {
		JWKSet keys = JWKSet.load(new URL(url("/oauth2/jwks")));
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		return processor.process(idToken, null);
	}

}
