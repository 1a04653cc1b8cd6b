package dev.ciba.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed authentication requests (CIBA Core §7.1.1) through the backchannel endpoint on
 * PostgreSQL: {@code signed-client} registered PS256 and an RSA key, {@code es-client} an
 * EC key and no algorithm.
 */
class SignedRequestIntegrationTests extends CustomerFlowIntegrationTest {

	private static final String SIGNED_CLIENT = "signed-client";

	private static final String SIGNED_SECRET = "signed-client-secret-0123456789abcdef";

	private static final String ES_CLIENT = "es-client";

	private static final String ES_SECRET = "es-client-secret-0123456789abcdefgh";

	private static final String ISSUER = "http://localhost:8080";

	private static final RSAKey SIGNED_CLIENT_KEY = (RSAKey) clientKeys().getKeyByKeyId("signed-client-rsa-1");

	private static final ECKey ES_CLIENT_KEY = (ECKey) clientKeys().getKeyByKeyId("es-client-ec-1");

	private CibaTestClient client;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
	}

	@Test
	void discoveryWhenReadThenAdvertisesTheRequestObjectSigningAlgorithms() {
		Answer answer = this.client
			.send(HttpRequest.newBuilder(URI.create(url("/.well-known/openid-configuration"))).GET().build());

		assertThat(answer.json().path("backchannel_authentication_request_signing_alg_values_supported").toString())
			.isEqualTo("[\"RS256\",\"PS256\",\"ES256\"]");
	}

	@Test
	void backchannelWhenSignedWithTheRegisteredPs256ThenAcceptedWithTheParametersOfTheRequestObject() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		JWTClaimsSet claims = claims(SIGNED_CLIENT).claim("scope", "openid profile")
			.claim("login_hint", customer.username())
			.claim("binding_message", "Pay 5 EUR")
			.claim("requested_expiry", "120")
			.build();
		int jtisBefore = count("request_object_jti");

		Answer answer = signedRequest(SIGNED_CLIENT, SIGNED_SECRET,
				sign(JWSAlgorithm.PS256, SIGNED_CLIENT_KEY, claims));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().path("expires_in").asInt()).isEqualTo(120);
		List<PendingRequest> pending = phone.pending();
		assertThat(pending).hasSize(1);
		assertThat(pending.get(0).bindingMessage()).isEqualTo("Pay 5 EUR");
		assertThat(pending.get(0).scope()).isEqualTo("openid profile");
		assertThat(count("request_object_jti")).isEqualTo(jtisBefore + 1);
	}

	@Test
	void backchannelWhenEs256WithANumericExpiryAndTheEndpointAsAudienceThenAccepted() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		JWTClaimsSet claims = claims(ES_CLIENT).audience(List.of(ISSUER + "/oauth2/bc-authorize"))
			.claim("login_hint", customer.email())
			.claim("requested_expiry", 60)
			.build();

		Answer answer = signedRequest(ES_CLIENT, ES_SECRET,
				sign(JWSAlgorithm.ES256, ES_CLIENT_KEY, new JOSEObjectType("OautH-auThZ-REQ+jWt"), claims));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().path("expires_in").asInt()).isEqualTo(60);
		assertThat(phone.pending()).hasSize(1);
	}

	@Test
	void backchannelWhenAClientWithKeysButNoAlgorithmSendsAnUnsignedRequestThenAccepted() {
		Customer customer = newCustomer();
		registerPhone(customer);

		Answer answer = this.client.backchannel(ES_CLIENT, ES_SECRET,
				CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username())));

		assertThat(answer.status()).isEqualTo(200);
	}

	@Test
	void backchannelWhenTheClientRegisteredAnAlgorithmAndSendsAnUnsignedRequestThenInvalidRequest() {
		Customer customer = newCustomer();
		registerPhone(customer);

		Answer answer = this.client.backchannel(SIGNED_CLIENT, SIGNED_SECRET,
				CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username())));

		assertInvalidRequest(answer);
	}

	@Test
	void backchannelWhenRs256WhilePs256IsRegisteredThenInvalidRequest() {
		Customer customer = newCustomer();
		registerPhone(customer);
		JWTClaimsSet claims = claims(SIGNED_CLIENT).claim("login_hint", customer.username()).build();

		assertInvalidRequest(
				signedRequest(SIGNED_CLIENT, SIGNED_SECRET, sign(JWSAlgorithm.RS256, SIGNED_CLIENT_KEY, claims)));
	}

	@Test
	void backchannelWhenTheRequestObjectIsReplayedThenInvalidRequestAndOnlyTheFirstIsStored() {
		Customer customer = newCustomer();
		registerPhone(customer);
		String requestObject = sign(JWSAlgorithm.PS256, SIGNED_CLIENT_KEY,
				claims(SIGNED_CLIENT).claim("login_hint", customer.username()).build());

		Answer first = signedRequest(SIGNED_CLIENT, SIGNED_SECRET, requestObject);
		Answer replay = signedRequest(SIGNED_CLIENT, SIGNED_SECRET, requestObject);

		assertThat(first.status()).isEqualTo(200);
		assertInvalidRequest(replay);
		assertThat(requestsOf(customer)).isEqualTo(1);
	}

	@Test
	void backchannelWhenAParameterIsAlsoSentOutsideTheRequestObjectThenInvalidRequest() {
		Customer customer = newCustomer();
		registerPhone(customer);
		String requestObject = sign(JWSAlgorithm.PS256, SIGNED_CLIENT_KEY,
				claims(SIGNED_CLIENT).claim("login_hint", customer.username()).build());

		Answer answer = this.client.backchannel(SIGNED_CLIENT, SIGNED_SECRET,
				CibaTestClient.form(Map.of("request", requestObject, "binding_message", "outside")));

		assertInvalidRequest(answer);
		assertThat(requestsOf(customer)).isZero();
	}

	@Test
	void backchannelWhenSignedWithAKeyTheClientDidNotRegisterThenInvalidRequest() throws JOSEException {
		Customer customer = newCustomer();
		registerPhone(customer);
		ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("es-client-ec-1").generate();
		JWTClaimsSet claims = claims(ES_CLIENT).claim("login_hint", customer.username()).build();

		assertInvalidRequest(signedRequest(ES_CLIENT, ES_SECRET, sign(JWSAlgorithm.ES256, stranger, claims)));
		assertThat(requestsOf(customer)).isZero();
	}

	@Test
	void backchannelWhenTheRequestObjectExpiredAnHourAgoThenInvalidRequest() {
		Customer customer = newCustomer();
		registerPhone(customer);
		Instant now = this.clock.instant();
		JWTClaimsSet claims = claims(SIGNED_CLIENT).claim("login_hint", customer.username())
			.issueTime(Date.from(now.minus(Duration.ofMinutes(65))))
			.notBeforeTime(Date.from(now.minus(Duration.ofMinutes(65))))
			.expirationTime(Date.from(now.minus(Duration.ofMinutes(60))))
			.build();

		assertInvalidRequest(
				signedRequest(SIGNED_CLIENT, SIGNED_SECRET, sign(JWSAlgorithm.PS256, SIGNED_CLIENT_KEY, claims)));
	}

	@Test
	void backchannelWhenTheIssuerIsAnotherClientThenInvalidRequest() {
		Customer customer = newCustomer();
		registerPhone(customer);
		JWTClaimsSet claims = claims(ES_CLIENT).claim("login_hint", customer.username()).build();

		assertInvalidRequest(
				signedRequest(SIGNED_CLIENT, SIGNED_SECRET, sign(JWSAlgorithm.PS256, SIGNED_CLIENT_KEY, claims)));
	}

	@Test
	void backchannelWhenTheRequestObjectIsUnsecuredThenInvalidRequest() {
		Answer answer = this.client.backchannel(SIGNED_CLIENT, SIGNED_SECRET,
				"request=eyJhbGciOiJub25lIn0.eyJpc3MiOiJzaWduZWQtY2xpZW50In0.");

		assertInvalidRequest(answer);
	}

	private JWTClaimsSet.Builder claims(String issuer) {
		Instant now = this.clock.instant();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.audience(ISSUER)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.claim("scope", "openid");
	}

	private Answer signedRequest(String clientId, String secret, String requestObject) {
		return this.client.backchannel(clientId, secret, CibaTestClient.form(Map.of("request", requestObject)));
	}

	private int requestsOf(Customer customer) {
		return this.jdbc.sql("SELECT COUNT(*) FROM ciba_request WHERE customer_id = ?")
			.param(customer.id())
			.query(Integer.class)
			.single();
	}

	private static void assertInvalidRequest(Answer answer) {
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_request");
		assertThat(answer.json().propertyNames()).containsOnly("error", "error_description", "error_uri");
	}

	private static String sign(JWSAlgorithm algorithm, JWK key, JWTClaimsSet claims) {
		return sign(algorithm, key, null, claims);
	}

	private static String sign(JWSAlgorithm algorithm, JWK key, JOSEObjectType type, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(),
				claims);
		try {
			JWSSigner signer = (key instanceof ECKey ec) ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
