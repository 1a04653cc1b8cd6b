package dev.ciba.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.ciba.CIBAResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.ciba.testsupport.TestDatabase;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance checklist section B: client registration metadata, through dynamic
 * registration ({@code /connect/register}) and for clients seeded from configuration.
 * Seeded metadata is checked at start-up: a server given invalid metadata must refuse to
 * start, naming the client and the property.
 * <p>
 * Not here: items 20 (FAPI: no shared secrets), 21 (an optional FAPI draft field) and 22
 * (the OpenID Foundation suite's own configuration checks).
 */
class ClientRegistrationConformanceTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	private static final Duration START_UP_FAILURE_TIMEOUT = Duration.ofSeconds(60);

	@Test
	void item013_registrationWithoutASupportedDeliveryModeIsRefused() throws Exception {
		HTTPResponse missing = suite.registration().register(registration(null));
		HTTPResponse unsupported = suite.registration().register(registration("carrier-pigeon"));
		JSONObject accepted = suite.registration().registerAccepted(registration("poll"));

		OAuthErrors.assertOAuthError(missing, 400, "invalid_client_metadata");
		OAuthErrors.assertOAuthError(unsupported, 400, "invalid_client_metadata");
		assertThat(accepted.get("backchannel_token_delivery_mode")).isEqualTo("poll");
	}

	@Test
	void item013_seededClientWithAnUnsupportedDeliveryModeStopsStartUp(@TempDir Path directory) throws IOException {
		String log = startUpFailure(directory, """
				      - client-id: pigeon-client
				        client-secret: pigeon-client-secret-0123456789abcdef
				        backchannel-token-delivery-mode: carrier-pigeon
				""");

		assertThat(log).contains("ciba.seed.clients[pigeon-client].backchannel-token-delivery-mode");
	}

	/**
	 * The suite's server allows {@code http} and loopback endpoints (a development
	 * setting, for its receiver on 127.0.0.1), so the {@code https} rule is checked with
	 * a server in the default configuration.
	 */
	@Test
	void item014_pingAndPushRegistrationsNeedANotificationEndpoint() throws Exception {
		for (String mode : List.of("ping", "push")) {
			HTTPResponse withoutEndpoint = suite.registration().register(registration(mode));
			JSONObject withEndpoint = registration(mode);
			withEndpoint.put("backchannel_client_notification_endpoint", suite.receiver().url("/registered-" + mode));

			OAuthErrors.assertOAuthError(withoutEndpoint, 400, "invalid_client_metadata");
			assertThat(
					suite.registration().registerAccepted(withEndpoint).get("backchannel_client_notification_endpoint"))
				.isEqualTo(suite.receiver().url("/registered-" + mode));
		}
	}

	@Test
	void item014_seededPingClientNeedsAnHttpsNotificationEndpoint(@TempDir Path directory) throws IOException {
		String missing = startUpFailure(directory, """
				      - client-id: endpointless-client
				        client-secret: endpointless-client-secret-0123456789ab
				        backchannel-token-delivery-mode: ping
				""");
		String plainHttp = startUpFailure(directory, """
				      - client-id: http-client
				        client-secret: http-client-secret-0123456789abcdefgh
				        backchannel-token-delivery-mode: push
				        backchannel-client-notification-endpoint: http://192.0.2.10/notify
				""");

		assertThat(missing).contains("ciba.seed.clients[endpointless-client].backchannel-client-notification-endpoint");
		assertThat(plainHttp).contains("ciba.seed.clients[http-client].backchannel-client-notification-endpoint")
			.contains("https");
	}

	/**
	 * The registered algorithm is one the server advertises, never {@code none} or HMAC;
	 * it is then the only one accepted, and signing becomes mandatory.
	 */
	@Test
	void item015_registeredRequestSigningAlgorithmIsCheckedAndEnforced() throws Exception {
		for (String algorithm : List.of("none", "HS256", "PS512")) {
			JSONObject metadata = registration("poll");
			metadata.put("jwks", new JWKSet(suite.key(SuiteClient.SECOND).toPublicJWK()).toJSONObject());
			metadata.put("backchannel_authentication_request_signing_alg", algorithm);
			OAuthErrors.assertOAuthError(suite.registration().register(metadata), 400, "invalid_client_metadata");
		}
		JSONObject withoutKeys = registration("poll");
		withoutKeys.put("backchannel_authentication_request_signing_alg", "PS256");
		OAuthErrors.assertOAuthError(suite.registration().register(withoutKeys), 400, "invalid_client_metadata");
		ConformanceClient client = suite.client(SuiteClient.SIGNED);

		BackchannelReply ps256 = client.sendRequestObject(
				RequestObjects
					.sign(RequestObjects.claims(SuiteClient.SIGNED, suite.baseUrl()).build(),
							suite.key(SuiteClient.SIGNED), JWSAlgorithm.PS256)
					.serialize());
		BackchannelReply rs256 = client.sendRequestObject(
				RequestObjects
					.sign(RequestObjects.claims(SuiteClient.SIGNED, suite.baseUrl()).build(),
							suite.key(SuiteClient.SIGNED), JWSAlgorithm.RS256)
					.serialize());
		BackchannelReply unsigned = client.sendForm(Map.of("scope", "openid", "login_hint", "alice"));

		assertThat(ps256.status()).isEqualTo(200);
		OAuthErrors.assertOAuthError(rs256.http(), 400, "invalid_request");
		OAuthErrors.assertOAuthError(unsigned.http(), 400, "invalid_request");
	}

	@Test
	void item016_userCodeOptInIsABooleanThatTheServerHoldsTheClientTo() throws Exception {
		JSONObject optedIn = registration("poll");
		optedIn.put("backchannel_user_code_parameter", true);
		JSONObject asString = registration("poll");
		asString.put("backchannel_user_code_parameter", "true");

		JSONObject registered = suite.registration().registerAccepted(optedIn);
		JSONObject byDefault = suite.registration().registerAccepted(registration("poll"));
		HTTPResponse refused = suite.registration().register(asString);
		HTTPResponse withoutCode = new CIBARequest.Builder(secretBasic(registered), new Scope("openid"))
			.loginHint(Phones.USERNAME)
			.endpointURI(suite.metadata().getBackChannelAuthenticationEndpointURI())
			.build()
			.toHTTPRequest()
			.send();

		assertThat(registered.get("backchannel_user_code_parameter")).isEqualTo(true);
		assertThat(byDefault.get("backchannel_user_code_parameter")).isEqualTo(false);
		OAuthErrors.assertOAuthError(refused, 400, "invalid_client_metadata");
		OAuthErrors.assertOAuthError(withoutCode, 400, "missing_user_code");
	}

	@Test
	void item017_clientWithoutTheCibaGrantIsRefusedAtBothEndpoints() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.NO_CIBA);
		ConformanceClient demo = suite.client(SuiteClient.DEMO);
		JSONObject withoutCibaGrant = registration("poll");
		withoutCibaGrant.put("grant_types", List.of("client_credentials"));

		BackchannelReply backchannel = client.startForAlice();
		TokenReply token = client.redeem(demo.startForAlice().authReqId());
		HTTPResponse registration = suite.registration().register(withoutCibaGrant);

		OAuthErrors.assertOAuthError(backchannel.http(), 400, "unauthorized_client");
		OAuthErrors.assertOAuthError(token.http(), 400, "unauthorized_client");
		OAuthErrors.assertOAuthError(registration, 400, "invalid_client_metadata");
	}

	/**
	 * The OpenID Foundation suite's registration body, without its FAPI-only members
	 * ({@code id_token_signed_response_alg} PS256, certificate-bound tokens, MTLS
	 * authentication), which this server refuses as documented; the registered client
	 * then completes a signed request with {@code private_key_jwt}.
	 */
	@Test
	void item018_conformanceSuiteShapedRegistrationIsAcceptedAndWorks(@TempDir Path directory) throws Exception {
		RSAKey key = Keytool.certifiedRsaKey(directory, "suite-client-key");
		JSONObject metadata = new JSONObject();
		metadata.put("client_name", "Conformance Suite Client");
		metadata.put("grant_types", List.of(SuiteClient.Grants.CIBA, SuiteClient.Grants.REFRESH_TOKEN));
		metadata.put("jwks", new JWKSet(key.toPublicJWK()).toJSONObject());
		metadata.put("backchannel_user_code_parameter", false);
		metadata.put("backchannel_token_delivery_mode", "poll");
		metadata.put("backchannel_authentication_request_signing_alg", "PS256");
		metadata.put("response_types", List.of());
		metadata.put("token_endpoint_auth_method", "private_key_jwt");
		metadata.put("token_endpoint_auth_signing_alg", "PS256");
		metadata.put("scope", "openid profile");
		assertThat(key.getX509CertChain()).hasSize(1);

		JSONObject registered = suite.registration().registerAccepted(metadata);
		ClientID clientId = new ClientID((String) registered.get("client_id"));
		JWTClaimsSet requestObject = RequestObjects.claims(SuiteClient.SIGNED, suite.baseUrl())
			.issuer(clientId.getValue())
			.build();
		PrivateKeyJWT authentication = new PrivateKeyJWT(clientId,
				suite.metadata().getBackChannelAuthenticationEndpointURI(), JWSAlgorithm.PS256, key.toRSAPrivateKey(),
				key.getKeyID(), null);
		HTTPRequest request = new CIBARequest(suite.metadata().getBackChannelAuthenticationEndpointURI(),
				authentication, RequestObjects.sign(requestObject, key, JWSAlgorithm.PS256))
			.toHTTPRequest();
		// The server requires client_id beside the assertion (README), which Nimbus does
		// not send.
		request.setBody(request.getBody() + "&client_id=" + clientId.getValue());
		HTTPResponse started = request.send();

		assertThat(registered.get("response_types")).isEqualTo(List.of());
		assertThat(registered.get("token_endpoint_auth_method")).isEqualTo("private_key_jwt");
		assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(200);
		suite.hook().deny(CIBAResponse.parse(started).toRequestAcknowledgement().getAuthRequestID());
		for (Map.Entry<String, Object> fapiOnly : Map
			.<String, Object>of("id_token_signed_response_alg", "PS256", "tls_client_certificate_bound_access_tokens",
					true, "token_endpoint_auth_method", "self_signed_tls_client_auth")
			.entrySet()) {
			JSONObject withFapiMember = new JSONObject(metadata);
			withFapiMember.put(fapiOnly.getKey(), fapiOnly.getValue());
			OAuthErrors.assertOAuthError(suite.registration().register(withFapiMember), 400, "invalid_client_metadata");
		}
	}

	@Test
	void item019_clientsThatDoNotAuthenticateAreRefused() throws Exception {
		JSONObject none = registration("poll");
		none.put("token_endpoint_auth_method", "none");

		HTTPResponse refused = suite.registration().register(none);

		OAuthErrors.assertOAuthError(refused, 400, "invalid_client_metadata");
	}

	/**
	 * A seeded client always has a secret of at least 32 characters, unless it
	 * authenticates with {@code private_key_jwt}; one without is refused at start-up.
	 */
	@Test
	void item019_seededClientWithoutASecretStopsStartUp(@TempDir Path directory) throws IOException {
		String log = startUpFailure(directory, """
				      - client-id: public-client
				        backchannel-token-delivery-mode: poll
				""");

		assertThat(log).contains("ciba.seed.clients[public-client].client-secret");
	}

	/**
	 * A minimal CIBA registration with {@code client_secret_basic}: the given delivery
	 * mode (none if {@code null}), scope {@code openid}, the CIBA grant.
	 */
	private static JSONObject registration(String deliveryMode) {
		JSONObject metadata = new JSONObject();
		metadata.put("client_name", "Registered Partner");
		metadata.put("grant_types", List.of(SuiteClient.Grants.CIBA));
		metadata.put("scope", "openid");
		if (deliveryMode != null) {
			metadata.put("backchannel_token_delivery_mode", deliveryMode);
		}
		return metadata;
	}

	private static ClientSecretBasic secretBasic(JSONObject registered) {
		return new ClientSecretBasic(new ClientID((String) registered.get("client_id")),
				new Secret((String) registered.get("client_secret")));
	}

	/**
	 * Starts a server whose only seeded client is the given YAML list entry, checks that
	 * it stops by itself with a failure status, and returns its log. The seeding runs
	 * once the server listens, so the server may answer for a moment before it stops.
	 */
	private static String startUpFailure(Path directory, String clientYaml) throws IOException {
		Path configuration = Files.createTempFile(directory, "invalid-client-", ".yml");
		Files.writeString(configuration, "ciba:\n  seed:\n    clients:\n" + clientYaml, StandardCharsets.UTF_8);
		ServerProcess.Launch launch = new ServerProcess.Launch(List.of("demo"), List.of(), List.of(),
				List.of("--spring.config.additional-location=file:" + configuration.toAbsolutePath()));
		Path log = E2eSettings.logDirectory()
			.resolve("ClientRegistrationConformanceTest-" + configuration.getFileName() + ".log");
		try (TestDatabase database = TestDatabase.create()) {
			ServerProcess server;
			try {
				server = ServerProcess.start(database, PackagedServer.freePort(), log, launch);
			}
			catch (IllegalStateException refusedBeforeListening) {
				return Files.readString(log, StandardCharsets.UTF_8);
			}
			try {
				OptionalInt status = server.awaitExit(START_UP_FAILURE_TIMEOUT);
				assertThat(status).as("the exit status of a server that must refuse to start").isPresent();
				assertThat(status.getAsInt()).isNotZero();
				return Files.readString(log, StandardCharsets.UTF_8);
			}
			finally {
				server.stop();
			}
		}
	}

}
