package dev.ciba.server;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.client.Sha256PasswordEncoder;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic client registration at {@code /connect/register} on PostgreSQL, and the
 * {@code private_key_jwt} client authentication of registered clients at the backchannel
 * and token endpoints. Initial access tokens come from the {@code registrar} client of
 * the {@code it} profile.
 */
class ClientRegistrationIntegrationTests extends CustomerFlowIntegrationTest {

	private static final String ISSUER = "http://localhost:8080";

	private static final String CIBA = "urn:openid:params:grant-type:ciba";

	private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private static final RSAKey CLIENT_KEY = rsa("registered-rsa-1");

	private CibaTestClient client;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
	}

	@Test
	void discoveryWhenReadThenAdvertisesRegistrationAndPrivateKeyJwt() {
		for (String document : List.of("/.well-known/openid-configuration",
				"/.well-known/oauth-authorization-server")) {
			JsonNode metadata = get(document, null).json();

			assertThat(metadata.path("registration_endpoint").asString())
				.isEqualTo("http://localhost:8080/connect/register");
			assertThat(metadata.path("token_endpoint_auth_methods_supported").toString())
				.isEqualTo("[\"client_secret_basic\",\"client_secret_post\",\"private_key_jwt\"]");
			assertThat(metadata.path("token_endpoint_auth_signing_alg_values_supported").toString())
				.isEqualTo("[\"RS256\",\"PS256\",\"ES256\"]");
			assertThat(metadata.path("backchannel_user_code_parameter_supported").isBoolean()).isTrue();
		}
	}

	@Test
	void registerWhenNoInitialAccessTokenThen401() {
		Answer answer = register(null, pollClient("client_secret_basic", null));

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_token");
		assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
	}

	@Test
	void registerWhenTheTokenIsNotOneOfThisServersThen401() {
		Answer answer = register("made-up-token", pollClient("client_secret_basic", null));

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_token");
		assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
	}

	@Test
	void registerWhenTheTokenLacksClientCreateThen403InsufficientScope() {
		Answer answer = register(initialToken("metrics.read"), pollClient("client_secret_basic", null));

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.error()).isEqualTo("insufficient_scope");
		assertThat(answer.header("WWW-Authenticate"))
			.isEqualTo("Bearer error=\"insufficient_scope\", scope=\"client.create\"");
	}

	@Test
	void registerWhenAPollClientWithPrivateKeyJwtThen201AndItCompletesACibaRequestWithAssertions() throws Exception {
		Answer registered = register(initialToken("client.create"), """
				{"client_name": "Registered Partner", "grant_types": ["%s"], "response_types": [],
				 "scope": "openid profile", "token_endpoint_auth_method": "private_key_jwt",
				 "token_endpoint_auth_signing_alg": "PS256", "jwks": %s,
				 "backchannel_token_delivery_mode": "poll", "backchannel_user_code_parameter": false}
				""".formatted(CIBA, new JWKSet(CLIENT_KEY.toPublicJWK())));

		assertThat(registered.status()).isEqualTo(201);
		assertThat(registered.header("Cache-Control")).isEqualTo("no-store");
		JsonNode body = registered.json();
		String clientId = body.path("client_id").asString();
		assertThat(clientId).matches("[A-Za-z0-9_-]{24}");
		assertThat(body.propertyNames()).containsExactly("client_id", "client_id_issued_at", "client_name",
				"grant_types", "response_types", "scope", "token_endpoint_auth_method",
				"token_endpoint_auth_signing_alg", "jwks", "backchannel_token_delivery_mode",
				"backchannel_user_code_parameter", "number_matching_required", "id_token_signed_response_alg",
				"registration_client_uri", "registration_access_token");
		assertThat(body.path("client_id_issued_at").asLong()).isEqualTo(this.clock.instant().getEpochSecond());
		assertThat(body.path("grant_types").toString()).isEqualTo("[\"" + CIBA + "\"]");
		assertThat(body.path("response_types").toString()).isEqualTo("[]");
		assertThat(body.path("scope").asString()).isEqualTo("openid profile");
		assertThat(body.path("token_endpoint_auth_method").asString()).isEqualTo("private_key_jwt");
		assertThat(body.path("token_endpoint_auth_signing_alg").asString()).isEqualTo("PS256");
		assertThat(JWKSet.parse(body.path("jwks").toString()).getKeys()).containsExactly(CLIENT_KEY.toPublicJWK());
		assertThat(body.path("backchannel_user_code_parameter").isBoolean()).isTrue();
		assertThat(body.path("backchannel_user_code_parameter").booleanValue()).isFalse();
		assertThat(body.path("registration_client_uri").asString())
			.isEqualTo(ISSUER + "/connect/register?client_id=" + clientId);
		assertThat(body.path("registration_access_token").asString()).matches("[A-Za-z0-9_-]{43}");

		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		Answer started = postForm("/oauth2/bc-authorize",
				assertionForm(clientId, CLIENT_KEY, JWSAlgorithm.PS256, ISSUER + "/oauth2/bc-authorize")
						+ "&scope=openid+profile&login_hint=" + customer.username());
		assertThat(started.status()).isEqualTo(200);
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(5));
		Answer tokens = postForm("/oauth2/token",
				assertionForm(clientId, CLIENT_KEY, JWSAlgorithm.PS256, ISSUER + "/oauth2/token") + "&grant_type="
						+ CibaTestClient.encode(CIBA) + "&auth_req_id="
						+ started.json().path("auth_req_id").asString());

		assertThat(tokens.status()).isEqualTo(200);
		JWTClaimsSet idToken = SignedJWT.parse(tokens.json().path("id_token").asString()).getJWTClaimsSet();
		assertThat(idToken.getAudience()).containsExactly(clientId);
		assertThat(idToken.getSubject()).isEqualTo(customer.id());
	}

	@Test
	void registerWhenASecretClientThen201WithASecretStoredAsSha256ThatAuthenticates() {
		Answer registered = register(initialToken("client.create"), pollClient("client_secret_post", null));

		assertThat(registered.status()).isEqualTo(201);
		String clientId = registered.json().path("client_id").asString();
		String secret = registered.json().path("client_secret").asString();
		assertThat(secret).matches("[A-Za-z0-9_-]{43}");
		assertThat(registered.json().path("client_secret_expires_at").asInt()).isEqualTo(0);
		assertThat(registered.json().path("client_name").asString()).isEqualTo(clientId);
		assertThat(storedSecret(clientId)).isEqualTo("{sha256}" + new Sha256PasswordEncoder().encode(secret));
		Customer customer = newCustomer();
		registerPhone(customer);

		Answer viaPost = postForm("/oauth2/bc-authorize", "client_id=" + clientId + "&client_secret=" + secret
				+ "&scope=openid&login_hint=" + customer.username());
		Answer viaBasic = this.client.backchannel(clientId, secret, "scope=openid&login_hint=" + customer.username());

		assertThat(viaPost.status()).isEqualTo(200);
		assertThat(viaBasic.status()).isEqualTo(401);
		assertThat(viaBasic.error()).isEqualTo("invalid_client");
	}

	@Test
	void registerWhenNumberMatchingAndAuthorizationDetailsTypesThenStoredShownAndApplied() {
		Answer registered = register(initialToken("client.create"), """
				{"grant_types": ["%s"], "backchannel_token_delivery_mode": "poll",
				 "number_matching_required": true, "authorization_details_types": ["payment_initiation"]}
				""".formatted(CIBA));
		String clientId = registered.json().path("client_id").asString();
		String secret = registered.json().path("client_secret").asString();
		Customer customer = newCustomer();
		registerPhone(customer);

		Answer refused = this.client.backchannel(clientId, secret, CibaTestClient.form(Map.of("scope", "openid",
				"login_hint", customer.username(), "authorization_details", "[{\"type\":\"other\"}]")));
		Answer accepted = this.client.backchannel(clientId, secret, CibaTestClient.form(Map.of("scope", "openid",
				"login_hint", customer.username(), "authorization_details", "[{\"type\":\"payment_initiation\"}]")));

		assertThat(registered.status()).isEqualTo(201);
		assertThat(registered.json().path("number_matching_required").booleanValue()).isTrue();
		assertThat(registered.json().path("authorization_details_types").toString())
			.isEqualTo("[\"payment_initiation\"]");
		assertThat(refused.error()).isEqualTo("invalid_authorization_details");
		assertThat(accepted.status()).isEqualTo(200);
		assertThat(accepted.json().path("number_challenge").asString()).matches("[1-9][0-9]");
	}

	@Test
	void readWhenTheRegistrationAccessTokenIsPresentedThenTheMetadataWithoutAnySecret() {
		Answer registered = register(initialToken("client.create"), pollClient("client_secret_basic", null));
		String clientId = registered.json().path("client_id").asString();
		String token = registered.json().path("registration_access_token").asString();

		Answer byQuery = get("/connect/register?client_id=" + clientId, token);
		Answer byPath = get("/connect/register/" + clientId, token);

		assertThat(byQuery.status()).isEqualTo(200);
		assertThat(byQuery.header("Cache-Control")).isEqualTo("no-store");
		Map<String, JsonNode> expected = members(registered.json());
		expected.remove("client_secret");
		expected.remove("client_secret_expires_at");
		expected.remove("registration_access_token");
		assertThat(members(byQuery.json())).isEqualTo(expected);
		assertThat(byPath.body()).isEqualTo(byQuery.body());
		assertThat(byQuery.body()).doesNotContain(registered.json().path("client_secret").asString())
			.doesNotContain(storedSecret(clientId).substring("{sha256}".length()))
			.doesNotContain("sha256")
			.doesNotContain(token);
	}

	@Test
	void readWhenTheTokenIsMissingWrongOrAnotherClientsThen401() {
		Answer first = register(initialToken("client.create"), pollClient("client_secret_basic", null));
		Answer second = register(initialToken("client.create"), pollClient("client_secret_basic", null));
		String clientId = first.json().path("client_id").asString();

		Answer missing = get("/connect/register?client_id=" + clientId, null);
		Answer wrong = get("/connect/register?client_id=" + clientId, "not-the-token");
		Answer othersToken = get("/connect/register?client_id=" + clientId,
				second.json().path("registration_access_token").asString());
		Answer seededClient = get("/connect/register?client_id=demo-client",
				first.json().path("registration_access_token").asString());

		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
		for (Answer answer : List.of(wrong, othersToken, seededClient)) {
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.error()).isEqualTo("invalid_token");
			assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
		}
	}

	@Test
	void registerWhenAPingClientHasNoNotificationEndpointThen400InvalidClientMetadata() {
		Answer answer = register(initialToken("client.create"), """
				{"grant_types": ["%s"], "backchannel_token_delivery_mode": "ping"}
				""".formatted(CIBA));

		assertInvalidMetadata(answer, "backchannel_client_notification_endpoint is required for ping and push clients");
	}

	@Test
	void registerWhenTheAuthenticationMethodIsNoneThen400InvalidClientMetadata() {
		assertInvalidMetadata(register(initialToken("client.create"), pollClient("none", null)),
				"token_endpoint_auth_method must not be none: CIBA clients must authenticate");
	}

	@Test
	void registerWhenTheBodyIsNotJsonThen400InvalidClientMetadata() {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url("/connect/register")))
			.header("Authorization", "Bearer " + initialToken("client.create"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_types=" + CIBA))
			.build();

		assertInvalidMetadata(this.client.send(request),
				"The request body must be a JSON object sent as application/json");
	}

	@Test
	void registerWhenTheInitialAccessTokenIsUsedAgainThen401AndRefusedMetadataDoesNotUseItUp() {
		String token = initialToken("client.create");

		Answer refused = register(token, pollClient("client_secret_jwt", null));
		Answer registered = register(token, pollClient("client_secret_basic", null));
		Answer again = register(token, pollClient("client_secret_basic", null));

		assertThat(refused.status()).isEqualTo(400);
		assertThat(registered.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(401);
		assertThat(again.error()).isEqualTo("invalid_token");
	}

	@Test
	void registerWhenAnotherMethodThen405() {
		HttpRequest put = HttpRequest.newBuilder(URI.create(url("/connect/register")))
			.PUT(HttpRequest.BodyPublishers.ofString("{}"))
			.build();

		Answer answer = this.client.send(put);

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.header("Allow")).isEqualTo("GET, POST");
		assertThat(answer.error()).isEqualTo("invalid_request");
	}

	@Test
	void backchannelWhenAClientAssertionIsReplayedThen401InvalidClient() {
		String clientId = registerKeyClient(new JWKSet(CLIENT_KEY.toPublicJWK()));
		String form = assertionForm(clientId, CLIENT_KEY, JWSAlgorithm.RS256, ISSUER)
				+ "&scope=openid&login_hint=nobody-" + UUID.randomUUID();

		Answer first = postForm("/oauth2/bc-authorize", form);
		Answer replayed = postForm("/oauth2/bc-authorize", form);

		assertThat(first.status()).isEqualTo(400);
		assertThat(first.error()).isEqualTo("unknown_user_id");
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.error()).isEqualTo("invalid_client");
	}

	@Test
	void backchannelWhenTheAssertionComesWithoutClientIdThenItsIssuerNamesTheClient() {
		String clientId = registerKeyClient(new JWKSet(CLIENT_KEY.toPublicJWK()));
		String form = assertionForm(clientId, CLIENT_KEY, JWSAlgorithm.RS256, ISSUER)
			.replace("client_id=" + clientId + "&", "") + "&scope=openid&login_hint=nobody-" + UUID.randomUUID();

		Answer answer = postForm("/oauth2/bc-authorize", form);

		assertThat(form).doesNotContain("client_id=");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("unknown_user_id");
	}

	@Test
	void backchannelWhenClientIdNamesAnotherClientThanTheAssertionThen401InvalidClient() {
		String clientId = registerKeyClient(new JWKSet(CLIENT_KEY.toPublicJWK()));
		String form = assertionForm(clientId, CLIENT_KEY, JWSAlgorithm.RS256, ISSUER).replace("client_id=" + clientId,
				"client_id=" + CibaTestClient.DEMO_CLIENT) + "&scope=openid&login_hint=nobody-" + UUID.randomUUID();

		Answer answer = postForm("/oauth2/bc-authorize", form);

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenTheAssertionIsSignedByAnotherKeyThen401InvalidClient() {
		String clientId = registerKeyClient(new JWKSet(CLIENT_KEY.toPublicJWK()));

		Answer answer = postForm("/oauth2/token",
				assertionForm(clientId, rsa("registered-rsa-1"), JWSAlgorithm.RS256, ISSUER + "/oauth2/token")
						+ "&grant_type=" + CibaTestClient.encode(CIBA) + "&auth_req_id=unknown");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_client");
	}

	@Test
	void backchannelAndTokenWhenTheClientsKeysAreAtAJwksUriThenFetchedForAssertionsAndSignedRequests()
			throws Exception {
		ECKey key = new ECKeyGenerator(Curve.P_256).keyID("uri-ec-1").generate();
		AtomicInteger fetches = new AtomicInteger();
		HttpServer keys = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		keys.createContext("/jwks", (exchange) -> {
			fetches.incrementAndGet();
			byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		keys.start();
		try {
			String jwksUri = "http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks";
			Answer registered = register(initialToken("client.create"),
					"""
							{"grant_types": ["%s"], "token_endpoint_auth_method": "private_key_jwt", "jwks_uri": "%s",
							 "backchannel_token_delivery_mode": "poll", "backchannel_authentication_request_signing_alg": "ES256"}
							"""
						.formatted(CIBA, jwksUri));
			assertThat(registered.status()).isEqualTo(201);
			assertThat(registered.json().path("jwks_uri").asString()).isEqualTo(jwksUri);
			String clientId = registered.json().path("client_id").asString();
			Customer customer = newCustomer();
			Phone phone = registerPhone(customer);

			Answer started = postForm("/oauth2/bc-authorize", assertionForm(clientId, key, JWSAlgorithm.ES256, ISSUER)
					+ "&request=" + requestObject(clientId, key, customer.username()));
			assertThat(started.status()).isEqualTo(200);
			phone.approve(phone.pending().get(0));
			this.clock.advance(Duration.ofSeconds(5));
			Answer tokens = postForm("/oauth2/token",
					assertionForm(clientId, key, JWSAlgorithm.ES256, ISSUER + "/oauth2/token") + "&grant_type="
							+ CibaTestClient.encode(CIBA) + "&auth_req_id="
							+ started.json().path("auth_req_id").asString());

			assertThat(tokens.status()).isEqualTo(200);
			assertThat(tokens.json().path("id_token").asString()).isNotEmpty();
			assertThat(fetches).hasValue(1);
		}
		finally {
			keys.stop(0);
		}
	}

	private String registerKeyClient(JWKSet jwks) {
		Answer registered = register(initialToken("client.create"), """
				{"grant_types": ["%s"], "token_endpoint_auth_method": "private_key_jwt", "jwks": %s,
				 "backchannel_token_delivery_mode": "poll"}
				""".formatted(CIBA, jwks));
		assertThat(registered.status()).isEqualTo(201);
		return registered.json().path("client_id").asString();
	}

	private String initialToken(String scope) {
		Answer answer = this.client.post("/oauth2/token", "registrar", "registrar-secret-0123456789abcdefghij",
				"grant_type=client_credentials&scope=" + scope);
		assertThat(answer.status()).isEqualTo(200);
		return answer.json().path("access_token").asString();
	}

	private Answer register(String token, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/connect/register")))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.client.send(request.build());
	}

	private Answer get(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.client.send(request.build());
	}

	private Answer postForm(String path, String form) {
		return this.client.post(path, null, null, form);
	}

	private String assertionForm(String clientId, JWK key, JWSAlgorithm algorithm, String audience) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(audience)
			.issueTime(Date.from(this.clock.instant()))
			.expirationTime(Date.from(this.clock.instant().plusSeconds(60)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
		try {
			assertion.sign((key instanceof ECKey ec) ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return "client_id=" + clientId + "&client_assertion_type=" + CibaTestClient.encode(ASSERTION_TYPE)
				+ "&client_assertion=" + assertion.serialize();
	}

	private String requestObject(String clientId, ECKey key, String loginHint) throws JOSEException {
		Date now = Date.from(this.clock.instant());
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId)
			.audience(ISSUER)
			.issueTime(now)
			.notBeforeTime(now)
			.expirationTime(Date.from(this.clock.instant().plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.claim("scope", "openid")
			.claim("login_hint", loginHint)
			.build();
		SignedJWT request = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
				claims);
		request.sign(new ECDSASigner(key));
		return request.serialize();
	}

	private String storedSecret(String clientId) {
		return this.jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?")
			.param(clientId)
			.query(String.class)
			.single();
	}

	private static String pollClient(String method, String extra) {
		return """
				{"grant_types": ["%s"], "token_endpoint_auth_method": "%s", "backchannel_token_delivery_mode": "poll"%s}
				""".formatted(CIBA, method, (extra != null) ? ", " + extra : "");
	}

	private static void assertInvalidMetadata(Answer answer, String description) {
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_client_metadata");
		assertThat(answer.json().path("error_description").asString()).isEqualTo(description);
	}

	private static Map<String, JsonNode> members(JsonNode object) {
		Map<String, JsonNode> members = new LinkedHashMap<>();
		object.properties().forEach((member) -> members.put(member.getKey(), member.getValue()));
		return members;
	}

	private static RSAKey rsa(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
