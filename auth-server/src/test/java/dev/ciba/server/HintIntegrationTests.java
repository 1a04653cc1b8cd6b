package dev.ciba.server;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code id_token_hint} and {@code login_hint_token} hints through the backchannel
 * endpoint on PostgreSQL, the portal endpoint that mints login hint tokens, and a client
 * limited to {@code login_hint}.
 */
class HintIntegrationTests extends CustomerFlowIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String LIMITED_CLIENT = "login-hint-only-client";

	private static final String LIMITED_SECRET = "login-hint-only-secret-0123456789abc";

	private CibaTestClient client;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
	}

	@Test
	void backchannelWhenIdTokenHintFromACompletedFlowThenAcceptedEvenAfterTheIdTokenExpired() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String idToken = completedFlowIdToken(phone, customer);

		Answer fresh = this.client.backchannel(form("id_token_hint", idToken));
		this.clock.advance(Duration.ofMinutes(31));
		Answer afterExpiry = this.client.backchannel(form("id_token_hint", idToken));

		assertThat(fresh.status()).isEqualTo(200);
		assertThat(afterExpiry.status()).isEqualTo(200);
		assertThat(phone.pending()).hasSize(1);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM ciba_request WHERE customer_id = ?")
			.param(customer.id())
			.query(Integer.class)
			.single()).isEqualTo(3);
	}

	@Test
	void backchannelWhenIdTokenHintWasIssuedToAnotherClientThenInvalidRequest() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String idToken = completedFlowIdToken(phone, customer);

		Answer answer = this.client.backchannel(CibaTestClient.OTHER_CLIENT, CibaTestClient.OTHER_SECRET,
				form("id_token_hint", idToken));

		assertError(answer, 400, "invalid_request");
	}

	@Test
	void backchannelWhenIdTokenHintNamesADisabledCustomerThenUnknownUserId() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String idToken = completedFlowIdToken(phone, customer);
		this.jdbc.sql("UPDATE customer SET enabled = FALSE WHERE id = ?").param(customer.id()).update();

		assertError(this.client.backchannel(form("id_token_hint", idToken)), 400, "unknown_user_id");
	}

	@Test
	void backchannelWhenIdTokenHintIsSignedByAnotherServerThenInvalidRequest() throws JOSEException {
		Customer customer = newCustomer();
		registerPhone(customer);
		RSAKey stranger = new RSAKeyGenerator(2048).keyID("stranger").generate();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://localhost:8080")
			.subject(customer.id())
			.audience(CibaTestClient.DEMO_CLIENT)
			.claim("azp", CibaTestClient.DEMO_CLIENT)
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(this.clock.instant().plusSeconds(600)))
			.build();
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stranger").build(), claims);
		forged.sign(new RSASSASigner(stranger));

		assertError(this.client.backchannel(form("id_token_hint", forged.serialize())), 400, "invalid_request");
	}

	@Test
	void loginHintTokenWhenMintedInThePortalThenNamesTheCustomerUntilItExpires() throws Exception {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		PortalSession portal = PortalSession.logIn(url(""), customer.username());

		HttpResponse<String> minted = portal.post("/portal/login-hint-token", "/portal/devices");
		String token = JSON.readTree(minted.body()).path("login_hint_token").asString();
		Answer accepted = this.client.backchannel(form("login_hint_token", token));
		this.clock.advance(Duration.ofSeconds(121));
		Answer expired = this.client.backchannel(form("login_hint_token", token));

		assertThat(minted.statusCode()).isEqualTo(200);
		assertThat(minted.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(JSON.readTree(minted.body()).path("expires_in").asInt()).isEqualTo(120);
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getSubject()).isEqualTo(customer.id());
		assertThat(SignedJWT.parse(token).getHeader().getType()).isEqualTo(new JOSEObjectType("login-hint+jwt"));
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(phone.pending()).hasSize(1);
		assertError(expired, 400, "expired_login_hint_token");
	}

	@Test
	void loginHintTokenWhenPostedWithoutTheCsrfTokenThenForbidden() throws Exception {
		Customer customer = newCustomer();
		PortalSession portal = PortalSession.logIn(url(""), customer.username());

		HttpResponse<String> answer = portal.post("/portal/login-hint-token", null);

		assertThat(answer.statusCode()).isEqualTo(403);
		assertThat(answer.body()).doesNotContain("login_hint_token");
	}

	@Test
	void loginHintTokenWhenNotLoggedInThenUnauthorizedAndNoToken() throws Exception {
		HttpResponse<String> answer = PortalSession.anonymous(url(""))
			.post("/portal/login-hint-token", "/portal/login");

		assertThat(answer.statusCode()).isEqualTo(401);
		assertThat(answer.body()).doesNotContain("login_hint_token");
	}

	@Test
	void backchannelWhenLoginHintTokenIsAnIdTokenThenInvalidRequest() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String idToken = completedFlowIdToken(phone, customer);

		assertError(this.client.backchannel(form("login_hint_token", idToken)), 400, "invalid_request");
	}

	@Test
	void backchannelWhenAClientLimitedToLoginHintSendsAnotherHintThenInvalidRequest() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String idToken = completedFlowIdToken(phone, customer);

		Answer idTokenHint = this.client.backchannel(LIMITED_CLIENT, LIMITED_SECRET, form("id_token_hint", idToken));
		Answer loginHint = this.client.backchannel(LIMITED_CLIENT, LIMITED_SECRET,
				form("login_hint", customer.username()));

		assertError(idTokenHint, 400, "invalid_request");
		assertThat(loginHint.status()).isEqualTo(200);
	}

	// The poll flow of BackchannelFlowIntegrationTests, for the ID token it ends with.
	private String completedFlowIdToken(Phone phone, Customer customer) {
		Answer started = this.client.backchannel(form("login_hint", customer.username()));
		assertThat(started.status()).isEqualTo(200);
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(5));
		Answer tokens = this.client.token(started.json().path("auth_req_id").asString());
		assertThat(tokens.status()).isEqualTo(200);
		return tokens.json().path("id_token").asString();
	}

	private static String form(String hint, String value) {
		return CibaTestClient.form(Map.of("scope", "openid", hint, value));
	}

	private static void assertError(Answer answer, int status, String error) {
		assertThat(answer.status()).isEqualTo(status);
		assertThat(answer.error()).isEqualTo(error);
	}

}
