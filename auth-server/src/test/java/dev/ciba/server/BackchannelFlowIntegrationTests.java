package dev.ciba.server;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.Decision;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.ServerAnswer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main job end to end inside one server on PostgreSQL: a phone registered from
 * discovery data, a backchannel request, the phone's answer, and the client's polls.
 */
class BackchannelFlowIntegrationTests extends CustomerFlowIntegrationTest {

	private CibaTestClient client;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
	}

	@Test
	void discoveryWhenReadThenAdvertisesTheCibaEndpointGrantAndModes() {
		Answer answer = this.client
			.send(HttpRequest.newBuilder(URI.create(url("/.well-known/openid-configuration"))).GET().build());

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().path("backchannel_authentication_endpoint").asString())
			.isEqualTo("http://localhost:8080/oauth2/bc-authorize");
		assertThat(answer.json().path("backchannel_token_delivery_modes_supported").toString())
			.isEqualTo("[\"poll\",\"ping\",\"push\"]");
		assertThat(answer.json().path("backchannel_user_code_parameter_supported").isBoolean()).isTrue();
		assertThat(answer.json().path("backchannel_user_code_parameter_supported").asBoolean()).isTrue();
		assertThat(answer.json().path("grant_types_supported").toString())
			.contains("\"urn:openid:params:grant-type:ciba\"");
		assertThat(answer.json().path("token_endpoint_auth_methods_supported").toString())
			.doesNotContain("client_secret_jwt")
			.contains("client_secret_basic", "client_secret_post");
	}

	@Test
	void tokenWhenPhoneApprovesThenIssuesSignedTokensOnceForTheNamedCustomer() throws Exception {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		Answer started = this.client.backchannel(CibaTestClient.form(Map.of("scope", "openid profile", "login_hint",
				customer.username(), "binding_message", "Pay 12,50 € to Shop #42")));
		assertThat(started.status()).isEqualTo(200);
		String authReqId = started.json().path("auth_req_id").asString();
		assertThat(authReqId).matches("[A-Za-z0-9_-]{43}");
		assertThat(started.json().path("expires_in").asInt()).isEqualTo(300);
		assertThat(started.json().path("interval").asInt()).isEqualTo(5);
		assertThat(started.header("Cache-Control")).isEqualTo("no-store");

		assertThat(this.client.token(authReqId).error()).isEqualTo("authorization_pending");
		List<PendingRequest> pending = phone.pending();
		assertThat(pending).hasSize(1);
		assertThat(pending.get(0).bindingMessage()).isEqualTo("Pay 12,50 € to Shop #42");
		assertThat(pending.get(0).applicationName()).isEqualTo("Demo Bank Partner");
		assertThat(pending.get(0).scope()).isEqualTo("openid profile");
		assertThat(phone.approve(pending.get(0)).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(5));
		Answer tokens = this.client.token(authReqId);

		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.header("Cache-Control")).contains("no-store");
		assertThat(tokens.json().path("token_type").asString()).isEqualTo("Bearer");
		assertThat(tokens.json().path("access_token").asString()).isNotEmpty();
		JWTClaimsSet idToken = verifyIdToken(tokens.json().path("id_token").asString());
		assertThat(idToken.getSubject()).isEqualTo(customer.id());
		assertThat(idToken.getAudience()).containsExactly(CibaTestClient.DEMO_CLIENT);
		assertThat(idToken.getIssuer()).isEqualTo("http://localhost:8080");
		assertThat(idToken.getDateClaim("auth_time")).isNotNull();
		assertThat(this.client.token(authReqId).error()).isEqualTo("invalid_grant");
		assertThat(phone.pending()).isEmpty();
	}

	@Test
	void tokenWhenPhoneDeniesThenAccessDenied() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String authReqId = start(customer);

		ServerAnswer denied = phone.deny(phone.pending().get(0));

		assertThat(denied.status()).isEqualTo(200);
		assertThat(this.client.token(authReqId).error()).isEqualTo("access_denied");
	}

	@Test
	void tokenWhenPolledFasterThanTheIntervalThenSlowDownAndALongerInterval() {
		Customer customer = newCustomer();
		registerPhone(customer);
		String authReqId = start(customer);

		Answer first = this.client.token(authReqId);
		this.clock.advance(Duration.ofSeconds(2));
		Answer early = this.client.token(authReqId);
		this.clock.advance(Duration.ofSeconds(10));
		Answer afterLongerInterval = this.client.token(authReqId);
		this.clock.advance(Duration.ofSeconds(5));
		Answer afterOldInterval = this.client.token(authReqId);

		assertThat(first.error()).isEqualTo("authorization_pending");
		assertThat(early.error()).isEqualTo("slow_down");
		assertThat(afterLongerInterval.error()).isEqualTo("authorization_pending");
		assertThat(afterOldInterval.error()).isEqualTo("slow_down");
	}

	@Test
	void tokenWhenRequestExpiredThenExpiredTokenAndThePhoneIsRefused() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String authReqId = start(customer, Map.of("requested_expiry", "5"));
		PendingRequest pending = phone.pending().get(0);

		this.clock.advance(Duration.ofSeconds(6));

		assertThat(this.client.token(authReqId).error()).isEqualTo("expired_token");
		ServerAnswer late = phone.approve(pending);
		assertThat(late.status()).isEqualTo(410);
		assertThat(this.client.token(authReqId).error()).isEqualTo("expired_token");
	}

	@Test
	void tokenWhenAnotherClientPresentsTheIdThenInvalidGrantBeforeAnyState() {
		Customer customer = newCustomer();
		registerPhone(customer);
		String authReqId = start(customer);

		Answer other = this.client.token(CibaTestClient.OTHER_CLIENT, CibaTestClient.OTHER_SECRET, authReqId);

		assertThat(other.status()).isEqualTo(400);
		assertThat(other.error()).isEqualTo("invalid_grant");
		assertThat(this.client.token("an-unknown-auth-req-id").error()).isEqualTo("invalid_grant");
	}

	@Test
	void backchannelWhenCustomerHasNoDeviceThenAccessDeniedAndNothingStored() {
		Customer customer = newCustomer();

		Answer answer = this.client
			.backchannel(CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username())));

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.error()).isEqualTo("access_denied");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM ciba_request WHERE customer_id = ?")
			.param(customer.id())
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM push_auth WHERE customer_id = ?")
			.param(customer.id())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void backchannelWhenHintIsTheEmailAddressThenTheCustomerIsFound() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);

		Answer answer = this.client
			.backchannel(CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.email().toUpperCase())));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(phone.pending()).hasSize(1);
	}

	@Test
	void authenticateWhenPhoneOfAnotherCustomerAnswersThenForbiddenAndStillPending() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		Phone stranger = registerPhone(newCustomer());
		String authReqId = start(customer);
		PendingRequest pending = phone.pending().get(0);

		ServerAnswer answer = stranger.approve(pending);

		assertThat(answer.status()).isEqualTo(403);
		assertThat(this.client.token(authReqId).error()).isEqualTo("authorization_pending");
	}

	@Test
	void authenticateWhenChallengeIsWrongThenRefusedAndStillPending() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String authReqId = start(customer);
		PendingRequest pending = phone.pending().get(0);
		Map<String, Object> claims = phone.answerClaims(pending, Decision.APPROVED);
		claims.put("challenge", "not-the-challenge");

		ServerAnswer answer = phone.authenticate(phone.signJwt(claims));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(this.client.token(authReqId).error()).isEqualTo("authorization_pending");
	}

	@Test
	void authenticateWhenAnswerIsReplayedThenTheReplayIsRefused() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		start(customer);
		PendingRequest pending = phone.pending().get(0);
		String jwt = phone.signJwt(phone.answerClaims(pending, Decision.DENIED));

		ServerAnswer first = phone.authenticate(jwt);
		ServerAnswer replay = phone.authenticate(jwt);

		assertThat(first.status()).isEqualTo(200);
		assertThat(replay.status()).isBetween(400, 410);
	}

	private String start(Customer customer) {
		return start(customer, Map.of());
	}

	private String start(Customer customer, Map<String, String> extra) {
		Map<String, String> parameters = new java.util.LinkedHashMap<>(extra);
		parameters.put("scope", "openid");
		parameters.put("login_hint", customer.username());
		Answer answer = this.client.backchannel(CibaTestClient.form(parameters));
		assertThat(answer.status()).isEqualTo(200);
		return answer.json().path("auth_req_id").asString();
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
