package dev.ciba.e2e;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.ciba.CIBAResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.ciba.simulator.PendingRequest;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance checklist sections C (transport and client authentication of the
 * backchannel endpoint) and D (authentication request parameters), for unsigned requests;
 * signed ones are {@link SignedRequestConformanceTest}.
 * <p>
 * Not here: items 31–33 (FAPI: MTLS and TLS rules of the endpoint), 34 (outbound TLS: in
 * {@link PingModeConformanceTest}), 50 (FAPI: mandatory binding message) and 57 (FAPI
 * draft: {@code request_context}).
 */
class BackchannelEndpointConformanceTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	// C. Transport and client authentication

	@Test
	void item023_onlyFormPostsAreAccepted() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		HTTPRequest get = new HTTPRequest(HTTPRequest.Method.GET, client.backchannelEndpoint());
		client.authentication().applyTo(get);
		HTTPRequest json = new HTTPRequest(HTTPRequest.Method.POST, client.backchannelEndpoint());
		json.setHeader("Content-Type", "application/json");
		json.setBody("{\"scope\":\"openid\",\"login_hint\":\"alice\"}");
		client.authentication().applyTo(json);

		HTTPResponse getAnswer = get.send();
		HTTPResponse jsonAnswer = json.send();
		BackchannelReply form = client.startForAlice();

		OAuthErrors.assertOAuthError(getAnswer, 405, "invalid_request");
		assertThat(getAnswer.getHeaderValue("Allow")).isEqualTo("POST");
		OAuthErrors.assertOAuthError(jsonAnswer, 400, "invalid_request");
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.http().getEntityContentType().matches(ContentType.APPLICATION_JSON)).isTrue();
	}

	@Test
	void item024_errorsAreOnlyOAuthMembersWithPlainDescriptions() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		// From the client authentication filter, the request parser, the hint
		// resolution and the request guard: every layer answers in the same shape.
		OAuthErrors.assertOAuthError(withSecret(client, "wrong-secret-0123456789abcdefghijkl").http(), 401,
				"invalid_client");
		OAuthErrors.assertOAuthError(client.sendForm(Map.of("scope", "openid")).http(), 400, "invalid_request");
		OAuthErrors.assertOAuthError(
				client.sendForm(Map.of("scope", "openid", "login_hint", "nobody-" + ConformanceClient.randomToken()))
					.http(),
				400, "unknown_user_id");
		OAuthErrors.assertOAuthError(client
			.sendForm(
					Map.of("scope", "openid", "login_hint", "alice", "binding_message", "<script>\"quoted\"</script>"))
			.http(), 400, "invalid_binding_message");
		HTTPRequest query = new HTTPRequest(HTTPRequest.Method.POST,
				URI.create(client.backchannelEndpoint() + "?login_hint=alice"));
		query.setHeader("Content-Type", "application/x-www-form-urlencoded");
		query.setBody("scope=openid");
		client.authentication().applyTo(query);
		OAuthErrors.assertOAuthError(query.send(), 400, "invalid_request");
	}

	@Test
	void item025_statusCodesFollowCibaSection13() throws Exception {
		ConformanceClient demo = suite.client(SuiteClient.DEMO);

		OAuthErrors.assertOAuthError(withSecret(demo, "wrong-secret-0123456789abcdefghijkl").http(), 401,
				"invalid_client");
		OAuthErrors.assertOAuthError(
				demo.sendForm(Map.of("scope", "openid", "login_hint", ConformanceConfiguration.CUSTOMER_WITHOUT_PHONE))
					.http(),
				403, "access_denied");
		OAuthErrors.assertOAuthError(demo.sendForm(Map.of("login_hint", "alice")).http(), 400, "invalid_request");
		OAuthErrors.assertOAuthError(demo.sendForm(Map.of("scope", "openid payments", "login_hint", "alice")).http(),
				400, "invalid_scope");
		OAuthErrors.assertOAuthError(demo.sendForm(Map.of("scope", "openid", "login_hint", "mallory")).http(), 400,
				"unknown_user_id");
		OAuthErrors.assertOAuthError(
				suite.client(SuiteClient.NO_CIBA).sendForm(Map.of("scope", "openid", "login_hint", "alice")).http(),
				400, "unauthorized_client");
		OAuthErrors.assertOAuthError(
				demo.sendForm(Map.of("scope", "openid", "login_hint", "alice", "binding_message", "line\nbreak"))
					.http(),
				400, "invalid_binding_message");
	}

	@Test
	void item026_unauthenticatedClientIsRefused() throws Exception {
		URI endpoint = suite.metadata().getBackChannelAuthenticationEndpointURI();

		HTTPResponse withoutCredentials = ConformanceClient.postForm(endpoint,
				Map.of("scope", "openid", "login_hint", "alice"));
		HTTPResponse withClientIdOnly = ConformanceClient.postForm(endpoint,
				Map.of("scope", "openid", "login_hint", "alice", "client_id", SuiteClient.DEMO.clientId()));

		OAuthErrors.assertOAuthError(withoutCredentials, 401, "invalid_client");
		assertThat(withoutCredentials.getHeaderValue("WWW-Authenticate")).startsWith("Basic");
		OAuthErrors.assertOAuthError(withClientIdOnly, 401, "invalid_client");
	}

	@Test
	void item026_privateKeyJwtClientWithoutAnAssertionIsRefused() throws Exception {
		HTTPResponse answer = ConformanceClient.postForm(suite.metadata().getBackChannelAuthenticationEndpointURI(),
				Map.of("scope", "openid", "login_hint", "alice", "client_id", SuiteClient.PRIVATE_KEY_JWT.clientId()));

		OAuthErrors.assertOAuthError(answer, 401, "invalid_client");
	}

	@Test
	void item027_clientWithoutTheCibaGrantIsRefused() throws Exception {
		BackchannelReply reply = suite.client(SuiteClient.NO_CIBA).startForAlice();

		OAuthErrors.assertOAuthError(reply.http(), 400, "unauthorized_client");
	}

	/**
	 * CIBA Core §7.1: the issuer, the token endpoint URL and the backchannel endpoint
	 * URL, also inside an array.
	 */
	@Test
	void item028_assertionAudienceMayBeTheIssuerOrEitherEndpoint() throws Exception {
		URI backchannel = suite.metadata().getBackChannelAuthenticationEndpointURI();
		List<Object> audiences = List.of(suite.baseUrl(), suite.metadata().getTokenEndpointURI().toString(),
				backchannel.toString(), List.of("https://www.other1.example.com/", suite.baseUrl()));

		for (Object audience : audiences) {
			JWTClaimsSet claims = new JWTClaimsSet.Builder(assertionClaims()).claim("aud", audience).build();
			HTTPResponse answer = ConformanceClient.postForm(backchannel, withAssertion(claims, JWSAlgorithm.PS256));
			assertThat(answer.getStatusCode()).as("aud %s: %s", audience, answer.getBody()).isEqualTo(200);
			suite.hook().deny(CIBAResponse.parse(answer).toRequestAcknowledgement().getAuthRequestID());
		}
	}

	/**
	 * FAPI's rule, and this client's registration
	 * ({@code token-endpoint-auth-signing-alg} PS256): the same key with RS256 is
	 * refused.
	 */
	@Test
	void item029_assertionWithAnotherAlgorithmThanTheRegisteredOneIsRefused() throws Exception {
		HTTPResponse answer = ConformanceClient.postForm(suite.metadata().getBackChannelAuthenticationEndpointURI(),
				withAssertion(assertionClaims(), JWSAlgorithm.RS256));

		OAuthErrors.assertOAuthError(answer, 401, "invalid_client");
	}

	@Test
	void item030_badClientAssertionsAreRefused() throws Exception {
		URI backchannel = suite.metadata().getBackChannelAuthenticationEndpointURI();
		Instant now = Instant.now();
		Map<String, JWTClaimsSet> bad = new LinkedHashMap<>();
		bad.put("expired",
				new JWTClaimsSet.Builder(assertionClaims()).issueTime(Date.from(now.minusSeconds(300)))
					.expirationTime(Date.from(now.minusSeconds(120)))
					.build());
		bad.put("other iss", new JWTClaimsSet.Builder(assertionClaims()).issuer(SuiteClient.SECOND.clientId()).build());
		bad.put("other sub",
				new JWTClaimsSet.Builder(assertionClaims()).subject(SuiteClient.SECOND.clientId()).build());
		bad.put("no jti", new JWTClaimsSet.Builder(assertionClaims()).jwtID(null).build());
		bad.put("other aud",
				new JWTClaimsSet.Builder(assertionClaims()).audience("https://www.other1.example.com/").build());
		for (Map.Entry<String, JWTClaimsSet> assertion : bad.entrySet()) {
			HTTPResponse answer = ConformanceClient.postForm(backchannel,
					withAssertion(assertion.getValue(), JWSAlgorithm.PS256));
			assertThat(answer.getStatusCode()).as(assertion.getKey()).isEqualTo(401);
			OAuthErrors.assertOAuthError(answer, 401, "invalid_client");
		}
		String othersKey = RequestObjects.sign(assertionClaims(), suite.key(SuiteClient.SECOND), JWSAlgorithm.PS256)
			.serialize();
		String unsigned = new PlainJWT(assertionClaims()).serialize();
		for (String assertion : List.of(othersKey, unsigned)) {
			HTTPResponse answer = ConformanceClient.postForm(backchannel, withAssertion(assertion));
			OAuthErrors.assertOAuthError(answer, 401, "invalid_client");
		}
		Map<String, String> once = withAssertion(assertionClaims(), JWSAlgorithm.PS256);
		HTTPResponse first = ConformanceClient.postForm(backchannel, once);
		HTTPResponse replayed = ConformanceClient.postForm(backchannel, once);
		assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(200);
		suite.hook().deny(CIBAResponse.parse(first).toRequestAcknowledgement().getAuthRequestID());
		OAuthErrors.assertOAuthError(replayed, 401, "invalid_client");
	}

	@Test
	void item030_badClientSecretsAreRefused() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		ClientSecretBasic unknownClient = new ClientSecretBasic(new ClientID("no-such-client"),
				new Secret("no-such-client-secret-0123456789abcdef"));

		BackchannelReply wrongSecret = withSecret(client, "demo-client-secret-0123456789abcdeX");
		HTTPResponse unknownAnswer = new CIBARequest.Builder(unknownClient, new Scope("openid")).loginHint("alice")
			.endpointURI(client.backchannelEndpoint())
			.build()
			.toHTTPRequest()
			.send();

		OAuthErrors.assertOAuthError(wrongSecret.http(), 401, "invalid_client");
		assertThat(wrongSecret.http().getHeaderValue("WWW-Authenticate")).startsWith("Basic");
		OAuthErrors.assertOAuthError(unknownAnswer, 401, "invalid_client");
	}

	@Test
	void item035_unknownParametersAreIgnored() throws Exception {
		BackchannelReply reply = suite.client(SuiteClient.DEMO)
			.sendForm(
					Map.of("scope", "openid", "login_hint", "alice", "ui_locales", "de", "x_partner_reference", "A-7"));

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.acknowledgement().getExpiresIn()).isEqualTo(300);
	}

	// D. Authentication request parameters

	@Test
	void item036_twoHintsAreRefusedAsInvalidRequest() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		String loginHintToken = suite.alicePortal().loginHintToken();

		BackchannelReply twoHints = client
			.sendForm(Map.of("scope", "openid", "login_hint", "alice", "login_hint_token", loginHintToken));
		BackchannelReply threeHints = client.sendForm(Map.of("scope", "openid", "login_hint", "alice",
				"login_hint_token", loginHintToken, "id_token_hint", loginHintToken));

		OAuthErrors.assertOAuthError(twoHints.http(), 400, "invalid_request");
		OAuthErrors.assertOAuthError(threeHints.http(), 400, "invalid_request");
	}

	@Test
	void item037_noHintIsRefused() throws Exception {
		BackchannelReply reply = suite.client(SuiteClient.DEMO)
			.sendForm(Map.of("scope", "openid", "binding_message", "1234"));

		OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_request");
	}

	@Test
	void item038_eachHintTypeAloneNamesTheCustomer() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		TokenReply byUsername = suite.approveAndRedeem(client, client.startForAlice());
		String sub = client.validateIdToken(byUsername.tokens().getIDToken()).getSubject().getValue();

		BackchannelReply byEmail = client.send(client.request("openid").loginHint(Phones.EMAIL).build());
		BackchannelReply byIdToken = client
			.send(client.request("openid").idTokenHint(byUsername.tokens().getIDToken()).build());
		BackchannelReply byLoginHintToken = client
			.send(client.request("openid").loginHintTokenString(suite.alicePortal().loginHintToken()).build());

		for (BackchannelReply reply : List.of(byEmail, byIdToken, byLoginHintToken)) {
			TokenReply tokens = suite.approveAndRedeem(client, reply);
			assertThat(client.validateIdToken(tokens.tokens().getIDToken()).getSubject().getValue()).isEqualTo(sub);
		}
	}

	@Test
	void item039_unknownUserIsRefused() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		BackchannelReply unknownName = client.send(client.request("openid").loginHint("mallory").build());
		BackchannelReply unknownEmail = client.send(client.request("openid").loginHint("mallory@example.com").build());

		OAuthErrors.assertOAuthError(unknownName.http(), 400, "unknown_user_id");
		OAuthErrors.assertOAuthError(unknownEmail.http(), 400, "unknown_user_id");
	}

	@Test
	void item040_expiredLoginHintTokenIsRefused() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		String token = suite.alicePortal().loginHintToken();
		Instant expiry = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
		NotificationReceiver.pause(Duration.between(Instant.now(), expiry.plusMillis(1100)));

		BackchannelReply reply = client.send(client.request("openid").loginHintTokenString(token).build());

		OAuthErrors.assertOAuthError(reply.http(), 400, "expired_login_hint_token");
	}

	/**
	 * Part of the item cannot be checked from outside: a genuine ID token for an unknown
	 * or disabled customer needs the server's key.
	 */
	@Test
	void item041_idTokenHintNotIssuedByThisServerToThisClientIsRefused() throws Exception {
		ConformanceClient demo = suite.client(SuiteClient.DEMO);
		ConformanceClient second = suite.client(SuiteClient.SECOND);
		JWT genuine = suite.approveAndRedeem(demo, demo.startForAlice()).tokens().getIDToken();
		JWT othersIdToken = suite.approveAndRedeem(second, second.startForAlice()).tokens().getIDToken();
		String serialized = genuine.serialize();
		String tampered = serialized.substring(0, serialized.length() - 4)
				+ (serialized.endsWith("AAAA") ? "BBBB" : "AAAA");
		JWTClaimsSet forged = new JWTClaimsSet.Builder(genuine.getJWTClaimsSet()).build();
		String selfSigned = RequestObjects.sign(forged, suite.key(SuiteClient.SECOND), JWSAlgorithm.RS256).serialize();

		for (String hint : List.of(tampered, selfSigned, othersIdToken.serialize(), "not-a-jwt")) {
			BackchannelReply reply = demo.sendForm(Map.of("scope", "openid", "id_token_hint", hint));
			OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_request");
		}
	}

	@Test
	void item042_missingScopeIsRefused() throws Exception {
		BackchannelReply reply = suite.client(SuiteClient.DEMO).sendForm(Map.of("login_hint", "alice"));

		OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_request");
	}

	@Test
	void item043_scopeWithoutOpenidIsRefused() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		BackchannelReply reply = client.send(client.request("profile", "email").loginHint("alice").build());

		OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_scope");
	}

	@Test
	void item044_scopeTheClientMayNotRequestIsRefused() throws Exception {
		ConformanceClient demo = suite.client(SuiteClient.DEMO);
		ConformanceClient second = suite.client(SuiteClient.SECOND);

		BackchannelReply unknownScope = demo.send(demo.request("openid", "payments").loginHint("alice").build());
		BackchannelReply notRegistered = second.send(second.request("openid", "email").loginHint("alice").build());

		OAuthErrors.assertOAuthError(unknownScope.http(), 400, "invalid_scope");
		OAuthErrors.assertOAuthError(notRegistered.http(), 400, "invalid_scope");
	}

	@Test
	void item045_scopeOrderDoesNotMatter() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		BackchannelReply reply = client.sendForm(Map.of("scope", "email profile openid", "login_hint", "alice"));
		TokenReply tokens = suite.approveAndRedeem(client, reply);

		assertThat(tokens.tokens().getIDToken()).isNotNull();
		assertThat(tokens.json().get("scope").toString().split(" ")).containsExactlyInAnyOrder("openid", "profile",
				"email");
	}

	@Test
	void item046_pingAndPushClientsMustSendANotificationToken() throws Exception {
		for (SuiteClient notified : List.of(SuiteClient.PING, SuiteClient.PUSH)) {
			ConformanceClient client = suite.client(notified);

			BackchannelReply reply = client.send(client.request("openid").loginHint("alice").build());

			OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_request");
		}
	}

	@Test
	void item047_longNotificationTokenIsKeptWhole() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PING);
		String longest = longBearerToken(1024);

		BackchannelReply accepted = client.send(client.request("openid")
			.loginHint("alice")
			.clientNotificationToken(new BearerAccessToken(longest))
			.build());
		BackchannelReply tooLong = client
			.sendForm(Map.of("scope", "openid", "login_hint", "alice", "client_notification_token", longest + "A"));
		suite.hook().approve(accepted.authReqId());
		NotificationReceiver.Notification ping = suite.receiver()
			.await("/ping", accepted.authReqId().getValue(), Duration.ofSeconds(10));

		assertThat(accepted.status()).isEqualTo(200);
		assertThat(ping.authorization()).isEqualTo("Bearer " + longest);
		OAuthErrors.assertOAuthError(tooLong.http(), 400, "invalid_request");
	}

	@Test
	void item048_shortBindingMessageIsShownAndTheFlowCompletes() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		BackchannelReply reply = client.startForAlice(client.request("openid").bindingMessage("1234"));
		List<PendingRequest> shown = suite.phone().pending();
		TokenReply tokens = suite.approveAndRedeem(client, reply);

		assertThat(shown).hasSize(1);
		assertThat(shown.get(0).bindingMessage()).isEqualTo("1234");
		assertThat(tokens.tokens().getAccessToken()).isNotNull();
	}

	/**
	 * CIBA lets the server refuse what it cannot show; it refuses the suite's message
	 * (emoji, about 450 characters). A short message in another script is shown as sent.
	 */
	@Test
	void item049_hardBindingMessageIsRefusedAndOtherScriptsAreShownExactly() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		String hard = "1234 \uD83D\uDC4D\uD83C\uDFFD 品川 "
				+ "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(8);

		BackchannelReply refused = client
			.send(client.request("openid").loginHint("alice").bindingMessage(hard).build());
		BackchannelReply cjk = client.startForAlice(client.request("openid").bindingMessage("品川で支払い 1234"));
		List<PendingRequest> shown = suite.phone().pending();

		OAuthErrors.assertOAuthError(refused.http(), 400, "invalid_binding_message");
		assertThat(cjk.status()).isEqualTo(200);
		assertThat(shown).extracting(PendingRequest::bindingMessage).containsExactly("品川で支払い 1234");
	}

	@Test
	void item051_missingUserCodeIsRefused() throws Exception {
		suite.alicePortal().setUserCode("Pin-" + ConformanceClient.randomToken().substring(0, 8));
		ConformanceClient client = suite.client(SuiteClient.USER_CODE);

		BackchannelReply reply = client.send(client.request("openid").loginHint("alice").build());

		assertThat(suite.metadata().supportsBackChannelUserCodeParam()).isTrue();
		OAuthErrors.assertOAuthError(reply.http(), 400, "missing_user_code");
		assertThat(suite.phone().pending()).isEmpty();
	}

	/**
	 * Also: the right code is accepted, and a client not registered for user codes may
	 * send any, which is ignored.
	 */
	@Test
	void item052_wrongUserCodeIsRefused() throws Exception {
		String code = "Pin-" + ConformanceClient.randomToken().substring(0, 8);
		suite.alicePortal().setUserCode(code);
		ConformanceClient client = suite.client(SuiteClient.USER_CODE);
		ConformanceClient demo = suite.client(SuiteClient.DEMO);

		BackchannelReply wrong = client
			.send(client.request("openid").loginHint("alice").userCode(new Secret(code + "x")).build());
		BackchannelReply right = client
			.send(client.request("openid").loginHint("alice").userCode(new Secret(code)).build());
		BackchannelReply ignored = demo
			.send(demo.request("openid").loginHint("alice").userCode(new Secret("not-alices-code")).build());

		OAuthErrors.assertOAuthError(wrong.http(), 400, "invalid_user_code");
		assertThat(right.status()).isEqualTo(200);
		assertThat(ignored.status()).isEqualTo(200);
	}

	@Test
	void item053_requestedExpiryMayBeANumberOrAString() throws Exception {
		ConformanceClient unsigned = suite.client(SuiteClient.DEMO);
		ConformanceClient signed = suite.client(SuiteClient.SIGNED);
		JWTClaimsSet asNumber = RequestObjects.claims(SuiteClient.SIGNED, suite.baseUrl())
			.claim("requested_expiry", 300)
			.build();
		JWTClaimsSet asString = RequestObjects.claims(SuiteClient.SIGNED, suite.baseUrl())
			.claim("requested_expiry", "30")
			.build();

		BackchannelReply formField = unsigned
			.sendForm(Map.of("scope", "openid", "login_hint", "alice", "requested_expiry", "30"));
		BackchannelReply number = signed.sendRequestObject(
				RequestObjects.sign(asNumber, suite.key(SuiteClient.SIGNED), JWSAlgorithm.PS256).serialize());
		BackchannelReply string = signed.sendRequestObject(
				RequestObjects.sign(asString, suite.key(SuiteClient.SIGNED), JWSAlgorithm.PS256).serialize());

		assertThat(formField.acknowledgement().getExpiresIn()).isEqualTo(30);
		assertThat(number.acknowledgement().getExpiresIn()).isEqualTo(300);
		assertThat(string.acknowledgement().getExpiresIn()).isEqualTo(30);
	}

	@Test
	void item054_requestedExpiryDrivesExpiresIn() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		BackchannelReply requested = client.startForAlice(client.request("openid").requestedExpiry(10));
		BackchannelReply unrequested = client.startForAlice();

		assertThat(requested.acknowledgement().getExpiresIn()).isEqualTo(10);
		assertThat(unrequested.acknowledgement().getExpiresIn()).isEqualTo(300);
	}

	@Test
	void item055_invalidRequestedExpiryIsRefused() throws Exception {
		ConformanceClient unsigned = suite.client(SuiteClient.DEMO);
		ConformanceClient signed = suite.client(SuiteClient.SIGNED);

		for (String value : List.of("0", "-5", "abc", "1.5", "4", "1801", "1e3", "0x10")) {
			BackchannelReply reply = unsigned
				.sendForm(Map.of("scope", "openid", "login_hint", "alice", "requested_expiry", value));
			OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_request");
		}
		Map<String, Object> jsonValues = new LinkedHashMap<>();
		jsonValues.put("zero", 0);
		jsonValues.put("negative", -5);
		jsonValues.put("fraction", 1.5);
		jsonValues.put("text", "abc");
		jsonValues.put("boolean", true);
		jsonValues.put("object", new JSONObject(Map.of("seconds", 30)));
		for (Object value : jsonValues.values()) {
			JWTClaimsSet claims = RequestObjects.claims(SuiteClient.SIGNED, suite.baseUrl())
				.claim("requested_expiry", value)
				.build();
			BackchannelReply reply = signed.sendRequestObject(
					RequestObjects.sign(claims, suite.key(SuiteClient.SIGNED), JWSAlgorithm.PS256).serialize());
			OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_request");
		}
	}

	/**
	 * When the server advertises {@code acr_values_supported}, a requested value must
	 * come back as {@code acr}; otherwise {@code acr_values} is accepted and any
	 * {@code acr} is not empty.
	 */
	@Test
	void item056_acrValuesAreAcceptedAndAnsweredWithARequestedAcr() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		List<ACR> supported = suite.metadata().getACRs();
		List<ACR> requested = (supported != null && !supported.isEmpty()) ? List.of(supported.get(0))
				: List.of(new ACR("urn:example:acr:any"));

		BackchannelReply reply = client.startForAlice(client.request("openid").acrValues(requested));
		TokenReply tokens = suite.approveAndRedeem(client, reply);
		IDTokenClaimsSet idToken = client.validateIdToken(tokens.tokens().getIDToken());

		if (supported != null && !supported.isEmpty()) {
			assertThat(idToken.getACR()).isIn(requested);
		}
		else if (idToken.getACR() != null) {
			assertThat(idToken.getACR().getValue()).isNotEmpty();
		}
	}

	private static BackchannelReply withSecret(ConformanceClient client, String secret) throws Exception {
		ClientSecretBasic wrong = new ClientSecretBasic(new ClientID(client.registration().clientId()),
				new Secret(secret));
		HTTPRequest request = new CIBARequest.Builder(wrong, new Scope("openid")).loginHint("alice")
			.endpointURI(client.backchannelEndpoint())
			.build()
			.toHTTPRequest();
		return new BackchannelReply(request.send(), null);
	}

	private static JWTClaimsSet assertionClaims() {
		return ClientAssertions
			.claims(SuiteClient.PRIVATE_KEY_JWT, suite.metadata().getBackChannelAuthenticationEndpointURI())
			.build();
	}

	private static Map<String, String> withAssertion(JWTClaimsSet claims, JWSAlgorithm algorithm) {
		return withAssertion(
				RequestObjects.sign(claims, suite.key(SuiteClient.PRIVATE_KEY_JWT), algorithm).serialize());
	}

	private static Map<String, String> withAssertion(String assertion) {
		Map<String, String> form = new LinkedHashMap<>(ClientAssertions.fields(SuiteClient.PRIVATE_KEY_JWT, assertion));
		form.put("scope", "openid");
		form.put("login_hint", "alice");
		return form;
	}

	/**
	 * A token of RFC 6750's b64token syntax, as the suite sends: random characters of
	 * {@code [A-Za-z0-9-._~+/]} and a trailing {@code =}.
	 */
	private static String longBearerToken(int length) {
		StringBuilder token = new StringBuilder();
		while (token.length() < length - 1) {
			token.append(ConformanceClient.randomToken()).append("~+/.");
		}
		return token.substring(0, length - 1) + "=";
	}

}
