package dev.ciba.server;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.ShownAuthorizationDetail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code authorization_details} (RFC 9396) through the whole server on PostgreSQL: what
 * the phone shows, what is stored, the refusals, and the token response and access token
 * of an approved request.
 */
class AuthorizationDetailsIntegrationTests extends CustomerFlowIntegrationTest {

	private static final String PAYMENTS_CLIENT = "payments-client";

	private static final String PAYMENTS_SECRET = "payments-client-secret-0123456789abcd";

	private static final RSAKey PAYMENTS_KEY = (RSAKey) clientKeys().getKeyByKeyId("signed-client-rsa-1");

	private static final String PAYMENT = """
			[{"type":"payment_initiation","locations":["https://example.com/payments"],
			  "instructedAmount":{"currency":"EUR","amount":"123.50"},"creditorName":"Merchant A",
			  "creditorAccount":{"iban":"DE02100100109307118603"},
			  "remittanceInformationUnstructured":"Ref Number Merchant"}]""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CibaTestClient client;

	private Customer customer;

	private Phone phone;

	@BeforeEach
	void setUpCustomerWithAPhone() {
		this.client = new CibaTestClient(url(""));
		this.customer = newCustomer();
		this.phone = registerPhone(this.customer);
	}

	@Test
	void backchannelWhenAPaymentThenThePhoneShowsItAndTheTokensCarryItAsSent() throws Exception {
		Answer started = this.client.backchannel(CibaTestClient.form(Map.of("scope", "openid profile", "login_hint",
				this.customer.username(), "binding_message", "Pay 123.50", "authorization_details", PAYMENT)));
		assertThat(started.status()).isEqualTo(200);
		PendingRequest pending = this.phone.pending().get(0);

		assertThat(pending.applicationName()).isEqualTo("Demo Bank Partner");
		assertThat(pending.bindingMessage()).isEqualTo("Pay 123.50");
		assertThat(pending.scopeDescriptions()).containsExactly(Map.entry("openid", "Confirm who you are"),
				Map.entry("profile", "See your name and basic profile"));
		assertThat(pending.authorizationDetails()).containsExactly(new ShownAuthorizationDetail("payment_initiation",
				"Payment of 123.50 EUR to Merchant A", java.util.List.of("Amount: 123.50 EUR", "Creditor: Merchant A",
						"Creditor account: DE02100100109307118603", "Reference: Ref Number Merchant")));
		assertThat(pending.numberChoices()).isEmpty();
		assertThat(storedDetails()).isEqualTo(JSON.readTree(PAYMENT).toString());
		assertThat(this.phone.approve(pending).status()).isEqualTo(200);

		Answer tokens = this.client.token(started.json().path("auth_req_id").asString());

		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.json().path("authorization_details")).isEqualTo(JSON.readTree(PAYMENT));
		JWTClaimsSet accessToken = SignedJWT.parse(tokens.json().path("access_token").asString()).getJWTClaimsSet();
		assertThat(JSON.valueToTree(accessToken.getClaim("authorization_details")).toString())
			.isEqualTo(JSON.readTree(PAYMENT).toString());
		JWTClaimsSet idToken = SignedJWT.parse(tokens.json().path("id_token").asString()).getJWTClaimsSet();
		assertThat(idToken.getClaims()).doesNotContainKey("authorization_details");
		Answer introspection = this.client.post("/oauth2/introspect", CibaTestClient.DEMO_CLIENT,
				CibaTestClient.DEMO_SECRET,
				"token=" + CibaTestClient.encode(tokens.json().path("access_token").asString()));
		assertThat(introspection.status()).isEqualTo(200);
		assertThat(introspection.json().path("active").asBoolean()).isTrue();
		assertThat(introspection.json().path("authorization_details")).isEqualTo(JSON.readTree(PAYMENT));
	}

	@Test
	void backchannelWhenNumbersOfEveryKindThenTheTokenResponseAndIntrospectionKeepThem() {
		String details = "[{\"type\":\"limits\",\"count\":3,\"big\":12345678901234,\"rate\":0.25,\"on\":true,"
				+ "\"none\":null,\"nested\":{\"list\":[1,\"two\"]}}]";
		String authReqId = approved(CibaTestClient
			.form(Map.of("scope", "openid", "login_hint", this.customer.username(), "authorization_details", details)));

		Answer tokens = this.client.token(authReqId);
		Answer introspection = this.client.post("/oauth2/introspect", CibaTestClient.DEMO_CLIENT,
				CibaTestClient.DEMO_SECRET,
				"token=" + CibaTestClient.encode(tokens.json().path("access_token").asString()));

		assertThat(tokens.json().path("authorization_details")).isEqualTo(JSON.readTree(details));
		assertThat(introspection.status()).isEqualTo(200);
		assertThat(introspection.json().path("active").asBoolean()).isTrue();
	}

	@Test
	void refreshWhenTheRequestHadAuthorizationDetailsThenTheNewAccessTokenCarriesThemToo() throws Exception {
		Answer started = this.client.backchannel("refresh-client", "refresh-client-secret-0123456789abcd",
				CibaTestClient.form(Map.of("scope", "openid", "login_hint", this.customer.username(),
						"authorization_details", PAYMENT)));
		assertThat(this.phone.approve(this.phone.pending().get(0)).status()).isEqualTo(200);
		Answer tokens = this.client.token("refresh-client", "refresh-client-secret-0123456789abcd",
				started.json().path("auth_req_id").asString());

		Answer refreshed = this.client.post("/oauth2/token", "refresh-client", "refresh-client-secret-0123456789abcd",
				"grant_type=refresh_token&refresh_token="
						+ CibaTestClient.encode(tokens.json().path("refresh_token").asString()));

		assertThat(refreshed.status()).isEqualTo(200);
		JWTClaimsSet accessToken = SignedJWT.parse(refreshed.json().path("access_token").asString()).getJWTClaimsSet();
		assertThat(JSON.valueToTree(accessToken.getClaim("authorization_details")).toString())
			.isEqualTo(JSON.readTree(PAYMENT).toString());
	}

	@Test
	void backchannelWhenNoAuthorizationDetailsThenNoneAnywhere() {
		String authReqId = approved(
				CibaTestClient.form(Map.of("scope", "openid", "login_hint", this.customer.username())));

		Answer tokens = this.client.token(authReqId);

		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.json().has("authorization_details")).isFalse();
	}

	@Test
	void backchannelWhenAuthorizationDetailsAreMalformedThen400InvalidAuthorizationDetailsAndNothingStored() {
		int requests = count("ciba_request");
		int pushAuths = count("push_auth");

		for (String bad : new String[] { "{\"type\":\"payment_initiation\"}", "[{\"amount\":\"5\"}]", "[]", "not json",
				"[{\"type\":\"a\",\"actions\":\"read\"}]", "[{\"type\":\"a\",\"x\":1e999999}]",
				"[{\"type\":\"a\",\"y\":1e-999999}]", "[{\"type\":\"a\\ud800\"}]" }) {
			Answer answer = this.client.backchannel(CibaTestClient
				.form(Map.of("scope", "openid", "login_hint", this.customer.username(), "authorization_details", bad)));

			assertThat(answer.status()).isEqualTo(400);
			assertThat(answer.header("Content-Type")).startsWith("application/json");
			assertThat(answer.error()).isEqualTo("invalid_authorization_details");
			assertThat(answer.json().path("error_uri").asString())
				.isEqualTo("https://www.rfc-editor.org/rfc/rfc9396#section-5");
			assertThat(answer.json().path("error_description").asString()).isNotBlank();
		}

		assertThat(count("ciba_request")).isEqualTo(requests);
		assertThat(count("push_auth")).isEqualTo(pushAuths);
		assertThat(this.phone.pending()).isEmpty();
	}

	@Test
	void backchannelWhenTooLargeThen400InvalidAuthorizationDetails() {
		String large = "[{\"type\":\"a\",\"note\":\"" + "x".repeat(4100) + "\"}]";

		Answer answer = this.client.backchannel(CibaTestClient
			.form(Map.of("scope", "openid", "login_hint", this.customer.username(), "authorization_details", large)));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_authorization_details");
		assertThat(answer.json().path("error_description").asString())
			.isEqualTo("The authorization_details parameter is longer than 4096 characters");
	}

	@Test
	void backchannelWhenATypeTheClientDidNotRegisterThen400AndNothingStored() {
		int requests = count("ciba_request");

		Answer refused = this.client.backchannel(PAYMENTS_CLIENT, PAYMENTS_SECRET,
				CibaTestClient.form(Map.of("scope", "openid", "login_hint", this.customer.username(),
						"authorization_details", "[{\"type\":\"account_information\"}]")));
		Answer accepted = this.client.backchannel(PAYMENTS_CLIENT, PAYMENTS_SECRET, CibaTestClient
			.form(Map.of("scope", "openid", "login_hint", this.customer.username(), "authorization_details", PAYMENT)));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.error()).isEqualTo("invalid_authorization_details");
		assertThat(refused.json().path("error_description").asString())
			.isEqualTo("The authorization_details contain a type the client may not use");
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(count("ciba_request")).isEqualTo(requests + 1);
	}

	@Test
	void backchannelWhenScopeHasAConfiguredDescriptionThenThePhoneShowsIt() {
		this.client.backchannel(PAYMENTS_CLIENT, PAYMENTS_SECRET,
				CibaTestClient.form(Map.of("scope", "openid payments", "login_hint", this.customer.username())));

		assertThat(this.phone.pending().get(0).scopeDescriptions()).containsExactly(
				Map.entry("openid", "Confirm who you are"), Map.entry("payments", "Make payments from your accounts"));
	}

	@Test
	void backchannelWhenASignedRequestCarriesTheClaimAsAnArrayThenAcceptedAndAsAStringRefused() throws Exception {
		Object claim = JSON.readValue(PAYMENT, java.util.List.class);
		String arrayRequest = sign(claims().claim("authorization_details", claim).build());
		String stringRequest = sign(claims().claim("authorization_details", PAYMENT).build());

		Answer accepted = this.client.backchannel(PAYMENTS_CLIENT, PAYMENTS_SECRET,
				CibaTestClient.form(Map.of("request", arrayRequest)));
		Answer refused = this.client.backchannel(PAYMENTS_CLIENT, PAYMENTS_SECRET,
				CibaTestClient.form(Map.of("request", stringRequest)));
		Answer outside = this.client.backchannel(PAYMENTS_CLIENT, PAYMENTS_SECRET,
				CibaTestClient.form(Map.of("request", sign(claims().build()), "authorization_details", PAYMENT)));

		assertThat(accepted.status()).isEqualTo(200);
		assertThat(this.phone.pending().get(0).authorizationDetails()).extracting(ShownAuthorizationDetail::summary)
			.containsExactly("Payment of 123.50 EUR to Merchant A");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.error()).isEqualTo("invalid_authorization_details");
		assertThat(refused.json().path("error_description").asString())
			.isEqualTo("The authorization_details claim must be a JSON array");
		assertThat(outside.status()).isEqualTo(400);
		assertThat(outside.error()).isEqualTo("invalid_request");
	}

	private String approved(String form) {
		Answer started = this.client.backchannel(form);
		assertThat(started.status()).isEqualTo(200);
		assertThat(this.phone.approve(this.phone.pending().get(0)).status()).isEqualTo(200);
		return started.json().path("auth_req_id").asString();
	}

	private String storedDetails() {
		return this.jdbc.sql("SELECT authorization_details FROM ciba_request WHERE customer_id = ?")
			.param(this.customer.id())
			.query(String.class)
			.single();
	}

	private JWTClaimsSet.Builder claims() {
		Instant now = this.clock.instant();
		return new JWTClaimsSet.Builder().issuer(PAYMENTS_CLIENT)
			.audience("http://localhost:8080")
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.claim("scope", "openid")
			.claim("login_hint", this.customer.username());
	}

	private static String sign(JWTClaimsSet claims) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(PAYMENTS_KEY.getKeyID()).build(),
				claims);
		jwt.sign(new RSASSASigner(PAYMENTS_KEY));
		return jwt.serialize();
	}

}
