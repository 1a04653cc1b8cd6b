package dev.ciba.e2e;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance checklist section E: signed authentication requests. C1 is the client
 * registered for {@code PS256} ({@link SuiteClient#SIGNED}), C2 the
 * {@link SuiteClient#SECOND} client with its own key and no registered algorithm. Every
 * refusal must be exactly 400 {@code invalid_request}.
 */
class SignedRequestConformanceTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	private static final SuiteClient C1 = SuiteClient.SIGNED;

	private static final SuiteClient C2 = SuiteClient.SECOND;

	@Test
	void item058_signedRequestIsAcceptedAndTheFlowCompletes() throws Exception {
		ConformanceClient client = suite.client(C1);

		BackchannelReply reply = client
			.send(new CIBARequest(client.backchannelEndpoint(), client.authentication(), signed(defaults().build())));
		TokenReply tokens = suite.approveAndRedeem(client, reply);

		assertThat(reply.acknowledgement().getExpiresIn()).isEqualTo(300);
		assertThat(client.validateIdToken(tokens.tokens().getIDToken()).getSubject()).isNotNull();
	}

	@Test
	void item059_missingAudIsRefused() throws Exception {
		assertRefused(defaults().audience((String) null).build());
	}

	/**
	 * Also: the issuer inside an {@code aud} array, and the backchannel endpoint's URL,
	 * are accepted.
	 */
	@Test
	void item060_wrongAudIsRefused() throws Exception {
		ConformanceClient client = suite.client(C1);

		assertRefused(defaults().audience("https://www.other1.example.com/").build());
		BackchannelReply inArray = client.sendRequestObject(
				signed(defaults().audience(List.of("https://www.other1.example.com/", suite.baseUrl())).build())
					.serialize());
		BackchannelReply endpoint = client.sendRequestObject(
				signed(defaults().audience(client.backchannelEndpoint().toString()).build()).serialize());
		assertThat(inArray.status()).isEqualTo(200);
		assertThat(endpoint.status()).isEqualTo(200);
	}

	@Test
	void item061_missingIssIsRefused() throws Exception {
		assertRefused(defaults().issuer(null).build());
	}

	@Test
	void item062_issOfAnotherClientIsRefused() throws Exception {
		assertRefused(defaults().issuer(C2.clientId()).build());
	}

	@Test
	void item063_missingExpIsRefused() throws Exception {
		assertRefused(defaults().expirationTime(null).build());
	}

	@Test
	void item064_expiredExpIsRefused() throws Exception {
		Instant now = Instant.now();
		assertRefused(defaults().expirationTime(Date.from(now.minus(Duration.ofHours(1)))).build());
		// Expired beyond the clock skew, every other limit kept.
		assertRefused(defaults().expirationTime(Date.from(now.minus(Duration.ofMinutes(2))))
			.notBeforeTime(Date.from(now.minus(Duration.ofMinutes(5))))
			.issueTime(Date.from(now.minus(Duration.ofMinutes(5))))
			.build());
	}

	@Test
	void item065_missingIatIsRefused() throws Exception {
		assertRefused(defaults().issueTime(null).build());
	}

	@Test
	void item066_missingNbfIsRefused() throws Exception {
		assertRefused(defaults().notBeforeTime(null).build());
	}

	@Test
	void item067_missingJtiIsRefused() throws Exception {
		assertRefused(defaults().jwtID(null).build());
	}

	@Test
	void item068_lifetimeOverSixtyMinutesIsRefused() throws Exception {
		assertRefused(defaults().expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(70)))).build());
	}

	@Test
	void item069_nbfSeventyMinutesOldIsRefused() throws Exception {
		Instant now = Instant.now();
		assertRefused(defaults().notBeforeTime(Date.from(now.minus(Duration.ofMinutes(70))))
			.issueTime(Date.from(now.minus(Duration.ofMinutes(70))))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.build());
	}

	@Test
	void item070_nbfTenMinutesAheadIsRefused() throws Exception {
		Instant now = Instant.now();
		assertRefused(defaults().notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10))))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
			.build());
	}

	@Test
	void item071_algNoneRequestObjectIsRefused() throws Exception {
		String unsigned = new PlainJWT(defaults().build()).serialize();

		assertRefusedRaw(unsigned);
	}

	@Test
	void item072_tamperedSignatureIsRefused() throws Exception {
		String[] parts = signed(defaults().build()).serialize().split("\\.");
		char first = parts[2].charAt(0);
		String tampered = parts[0] + "." + parts[1] + "." + ((first == 'A') ? 'B' : 'A') + parts[2].substring(1);

		assertRefusedRaw(tampered);
	}

	/**
	 * The client registered {@code PS256}: the same key with {@code RS256} is refused.
	 */
	@Test
	void item073_otherAlgorithmThanTheRegisteredOneIsRefused() throws Exception {
		assertRefusedRaw(RequestObjects.sign(defaults().build(), suite.key(C1), JWSAlgorithm.RS256).serialize());
	}

	@Test
	void item074_requestSignedWithAnotherClientsKeyIsRefused() throws Exception {
		assertRefusedRaw(RequestObjects.sign(defaults().build(), suite.key(C2), JWSAlgorithm.PS256).serialize());
	}

	@Test
	void item075_symmetricSignatureIsRefused() throws Exception {
		SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), defaults().build());
		hmac.sign(new MACSigner(C1.secret().getBytes(StandardCharsets.UTF_8)));

		assertRefusedRaw(hmac.serialize());
	}

	@Test
	void item076_encryptedRequestObjectIsRefused() throws Exception {
		RSAKey recipient = suite.key(C1);
		JWEObject nested = new JWEObject(
				new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM).contentType("JWT").build(),
				new Payload(signed(defaults().build())));
		nested.encrypt(new RSAEncrypter(recipient.toRSAPublicKey()));
		JWEObject plain = new JWEObject(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
				new Payload(defaults().build().toJSONObject()));
		plain.encrypt(new RSAEncrypter(recipient.toRSAPublicKey()));

		assertRefusedRaw(nested.serialize());
		assertRefusedRaw(plain.serialize());
	}

	/**
	 * Client authentication parameters may stand beside {@code request}; authentication
	 * parameters may not.
	 */
	@Test
	void item077_authenticationParametersOutsideTheRequestObjectAreRefused() throws Exception {
		ConformanceClient client = suite.client(C1);
		ClientSecretPost post = new ClientSecretPost(C1.secretBasic().getClientID(),
				C1.secretBasic().getClientSecret());

		for (String parameter : List.of("scope", "binding_message", "login_hint", "requested_expiry")) {
			BackchannelReply reply = client
				.sendForm(Map.of("request", signed(defaults().build()).serialize(), parameter, valueOf(parameter)));
			OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_request");
		}
		BackchannelReply withPostCredentials = client
			.send(new CIBARequest(client.backchannelEndpoint(), post, signed(defaults().build())));
		assertThat(withPostCredentials.status()).isEqualTo(200);
	}

	@Test
	void item078_typHeaderVariantsAreAccepted() throws Exception {
		ConformanceClient client = suite.client(C1);
		RSAKey key = suite.key(C1);
		List<JOSEObjectType> accepted = Arrays.asList(null, JOSEObjectType.JWT,
				new JOSEObjectType("OautH-auThZ-REQ+jWt"), new JOSEObjectType("application/oauth-authz-req+jwt"));

		for (JOSEObjectType type : accepted) {
			BackchannelReply reply = client
				.sendRequestObject(RequestObjects.sign(defaults().build(), key, JWSAlgorithm.PS256, type).serialize());
			assertThat(reply.status()).as("typ %s: %s", type, reply.http().getBody()).isEqualTo(200);
			suite.hook().deny(reply.authReqId());
		}
		assertRefusedRaw(RequestObjects.sign(defaults().build(), key, JWSAlgorithm.PS256, new JOSEObjectType("at+jwt"))
			.serialize());
	}

	@Test
	void item079_replayedJtiIsRefused() throws Exception {
		ConformanceClient client = suite.client(C1);
		String requestObject = signed(defaults().build()).serialize();

		BackchannelReply first = client.sendRequestObject(requestObject);
		BackchannelReply replay = client.sendRequestObject(requestObject);
		BackchannelReply sameJtiNewObject = client
			.sendRequestObject(signed(defaults().jwtID(jtiOf(requestObject)).build()).serialize());

		assertThat(first.status()).isEqualTo(200);
		OAuthErrors.assertOAuthError(replay.http(), 400, "invalid_request");
		OAuthErrors.assertOAuthError(sameJtiNewObject.http(), 400, "invalid_request");
	}

	/**
	 * Per client, as the README says: a client that registered a signing algorithm must
	 * sign every request.
	 */
	@Test
	void item080_unsignedRequestOfAClientRegisteredForSignedRequestsIsRefused() throws Exception {
		ConformanceClient client = suite.client(C1);

		BackchannelReply reply = client
			.sendForm(Map.of("scope", "openid profile", "login_hint", "alice", "binding_message", "1234"));

		OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_request");
	}

	@Test
	void item081_unsignedRequestIsAcceptedWhereSigningIsNotRequired() throws Exception {
		ConformanceClient withKeys = suite.client(C2);
		ConformanceClient demo = suite.client(SuiteClient.DEMO);

		BackchannelReply unsignedWithKeys = withKeys.sendForm(Map.of("scope", "openid", "login_hint", "alice"));
		BackchannelReply unsignedDemo = demo.sendForm(Map.of("scope", "openid", "login_hint", "alice"));
		BackchannelReply signedByC2 = withKeys.sendRequestObject(RequestObjects
			.sign(RequestObjects.claims(C2, suite.baseUrl()).build(), suite.key(C2), JWSAlgorithm.RS256)
			.serialize());

		assertThat(unsignedWithKeys.status()).isEqualTo(200);
		assertThat(unsignedDemo.status()).isEqualTo(200);
		assertThat(signedByC2.status()).isEqualTo(200);
	}

	private static JWTClaimsSet.Builder defaults() {
		return RequestObjects.claims(C1, suite.baseUrl());
	}

	private static SignedJWT signed(JWTClaimsSet claims) {
		return RequestObjects.sign(claims, suite.key(C1), JWSAlgorithm.PS256);
	}

	private static void assertRefused(JWTClaimsSet claims) throws Exception {
		assertRefusedRaw(signed(claims).serialize());
	}

	private static void assertRefusedRaw(String requestObject) throws Exception {
		BackchannelReply reply = suite.client(C1).sendRequestObject(requestObject);
		OAuthErrors.assertOAuthError(reply.http(), 400, "invalid_request");
	}

	private static String valueOf(String parameter) {
		return switch (parameter) {
			case "scope" -> "openid";
			case "login_hint" -> "alice";
			case "requested_expiry" -> "60";
			default -> "1234";
		};
	}

	private static String jtiOf(String requestObject) throws ParseException {
		return SignedJWT.parse(requestObject).getJWTClaimsSet().getJWTID();
	}

}
