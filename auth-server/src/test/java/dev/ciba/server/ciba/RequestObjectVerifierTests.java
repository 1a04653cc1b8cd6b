package dev.ciba.server.ciba;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.client.keys.ClientKeys;
import dev.ciba.server.client.keys.JwkSetFetchException;
import dev.ciba.server.client.keys.RemoteJwkSets;
import dev.ciba.server.config.CibaProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static dev.ciba.server.ciba.TestRequestObjects.CLIENT_EC;
import static dev.ciba.server.ciba.TestRequestObjects.CLIENT_RSA;
import static dev.ciba.server.ciba.TestRequestObjects.ISSUER;
import static dev.ciba.server.ciba.TestRequestObjects.OTHER_CLIENT_RSA;
import static dev.ciba.server.ciba.TestRequestObjects.claims;
import static dev.ciba.server.ciba.TestRequestObjects.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestObjectVerifierTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final RegisteredClient PS256_CLIENT = TestRequestObjects.client("ps-client", "PS256", CLIENT_RSA);

	private static final RegisteredClient EC_CLIENT = TestRequestObjects.client("ec-client", null, CLIENT_EC);

	private final Map<String, Instant> usedJtis = new HashMap<>();

	private final RequestObjectVerifier verifier = new RequestObjectVerifier(properties(),
			(hash, keepUntil, now) -> this.usedJtis.putIfAbsent(hash, keepUntil) == null,
			new ClientKeys(
					new RemoteJwkSets(RequestObjectVerifierTests::publishedKeys, Clock.fixed(NOW, ZoneOffset.UTC))),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void verifyWhenPs256ByTheClientsKeyThenReturnsTheClaims() throws Exception {
		SignedJWT requestObject = sign(JWSAlgorithm.PS256, CLIENT_RSA, claims("ps-client", NOW).build());

		JWTClaimsSet claims = this.verifier.verify(PS256_CLIENT, requestObject);

		assertThat(claims.getStringClaim("scope")).isEqualTo("openid");
		assertThat(claims.getStringClaim("login_hint")).isEqualTo("alice");
		assertThat(this.usedJtis).hasSize(1);
		assertThat(this.usedJtis.values()).containsExactly(NOW.plusSeconds(300 + 60));
	}

	@Test
	void verifyWhenEs256ByAClientWithoutRegisteredAlgorithmThenAccepted() {
		SignedJWT requestObject = sign(JWSAlgorithm.ES256, CLIENT_EC, claims("ec-client", NOW).build());

		assertThat(this.verifier.verify(EC_CLIENT, requestObject).getIssuer()).isEqualTo("ec-client");
	}

	@Test
	void verifyWhenAudienceIsAnArrayHoldingTheIssuerThenAccepted() {
		JWTClaimsSet claims = claims("ps-client", NOW).audience(List.of("https://other.example.com", ISSUER)).build();

		assertThat(this.verifier.verify(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims)).getAudience())
			.containsExactly("https://other.example.com", ISSUER);
	}

	@Test
	void verifyWhenAudienceIsTheBackchannelEndpointThenAccepted() {
		JWTClaimsSet claims = claims("ps-client", NOW).audience(ISSUER + "/oauth2/bc-authorize").build();

		assertThat(this.verifier.verify(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims)).getAudience())
			.containsExactly(ISSUER + "/oauth2/bc-authorize");
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(
			strings = { "JWT", "jwt", "OautH-auThZ-REQ+jWt", "oauth-authz-req+jwt", "application/oauth-authz-req+jwt" })
	void verifyWhenTypIsAbsentJwtOrTheRequestMediaTypeInAnyCaseThenAccepted(String type) {
		JOSEObjectType typ = (type != null) ? new JOSEObjectType(type) : null;
		SignedJWT requestObject = sign(JWSAlgorithm.PS256, CLIENT_RSA, typ, claims("ps-client", NOW).build());

		assertThat(this.verifier.verify(PS256_CLIENT, requestObject).getIssuer()).isEqualTo("ps-client");
	}

	@ParameterizedTest
	@ValueSource(strings = { "at+jwt", "login-hint+jwt", "JOSE" })
	void verifyWhenTypIsAnotherTypeThenInvalidRequest(String type) {
		SignedJWT requestObject = sign(JWSAlgorithm.PS256, CLIENT_RSA, new JOSEObjectType(type),
				claims("ps-client", NOW).build());

		assertRefused(PS256_CLIENT, requestObject, "typ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "aud", "iss", "exp", "iat", "nbf", "jti" })
	void verifyWhenARequiredClaimIsMissingThenInvalidRequestNamingIt(String claim) {
		JWTClaimsSet claims = claims("ps-client", NOW).claim(claim, null).build();

		assertRefused(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims), claim);
	}

	@Test
	void verifyWhenAudienceIsAnotherServerThenInvalidRequest() {
		JWTClaimsSet claims = claims("ps-client", NOW).audience("https://www.other1.example.com/").build();

		assertRefused(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims), "aud");
	}

	@Test
	void verifyWhenThePayloadRepeatsAMemberNameThenInvalidRequestAndNoJtiUsed() throws Exception {
		String json = claims("ps-client", NOW).build().toString();
		String repeated = "{\"authorization_details\":[{\"type\":\"a\",\"type\":\"b\"}],\"scope\":\"openid email\","
				+ json.substring(1);
		JWSObject signed = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(CLIENT_RSA.getKeyID()).build(),
				new Payload(repeated));
		signed.sign(new RSASSASigner(CLIENT_RSA));

		assertRefused(PS256_CLIENT, SignedJWT.parse(signed.serialize()), "repeat a member name");
		assertThat(this.usedJtis).isEmpty();
	}

	@Test
	void verifyWhenIssuerIsAnotherClientThenInvalidRequest() {
		JWTClaimsSet claims = claims("other-client", NOW).build();

		assertRefused(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims), "iss");
	}

	@Test
	void verifyWhenExpiredAnHourAgoThenInvalidRequest() {
		JWTClaimsSet claims = times(NOW.minusSeconds(3900), NOW.minusSeconds(3900), NOW.minusSeconds(3600));

		assertRefused(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims), "expired");
	}

	@Test
	void verifyWhenExpiredWithinTheClockSkewThenAccepted() {
		JWTClaimsSet claims = times(NOW.minusSeconds(300), NOW.minusSeconds(300), NOW.minusSeconds(59));

		assertThat(this.verifier.verify(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims))).isNotNull();
	}

	@Test
	void verifyWhenLifetimeIsSeventyMinutesThenInvalidRequest() {
		JWTClaimsSet claims = times(NOW, NOW, NOW.plus(Duration.ofMinutes(70)));

		assertRefused(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims), "lifetime");
	}

	@Test
	void verifyWhenLifetimeIsExactlySixtyMinutesThenAccepted() {
		JWTClaimsSet claims = times(NOW, NOW, NOW.plus(Duration.ofMinutes(60)));

		assertThat(this.verifier.verify(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims))).isNotNull();
	}

	@Test
	void verifyWhenNotBeforeIsSeventyMinutesAgoThenInvalidRequest() {
		Instant seventyMinutesAgo = NOW.minus(Duration.ofMinutes(70));
		JWTClaimsSet claims = times(NOW, seventyMinutesAgo, NOW.plus(Duration.ofMinutes(5)));

		assertRefused(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims), "nbf");
	}

	@Test
	void verifyWhenNotBeforeIsTenMinutesAheadThenInvalidRequest() {
		Instant tenMinutesAhead = NOW.plus(Duration.ofMinutes(10));
		JWTClaimsSet claims = times(NOW, tenMinutesAhead, tenMinutesAhead.plus(Duration.ofMinutes(5)));

		assertRefused(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims), "nbf");
	}

	@Test
	void verifyWhenIssuedTwoMinutesAheadThenInvalidRequest() {
		JWTClaimsSet claims = times(NOW.plusSeconds(120), NOW, NOW.plusSeconds(300));

		assertRefused(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims), "iat");
	}

	@Test
	void verifyWhenNotBeforeIsWithinTheClockSkewAheadThenAccepted() {
		JWTClaimsSet claims = times(NOW.plusSeconds(50), NOW.plusSeconds(50), NOW.plusSeconds(300));

		assertThat(this.verifier.verify(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims))).isNotNull();
	}

	@Test
	void verifyWhenSignatureWasTamperedWithThenInvalidRequest() throws Exception {
		SignedJWT valid = sign(JWSAlgorithm.PS256, CLIENT_RSA, claims("ps-client", NOW).build());
		byte[] signature = valid.getSignature().decode();
		signature[10] ^= 0x01;
		SignedJWT tampered = new SignedJWT(valid.getHeader().toBase64URL(), valid.getPayload().toBase64URL(),
				Base64URL.encode(signature));

		assertRefused(PS256_CLIENT, tampered, "signature");
	}

	@Test
	void verifyWhenClaimsWereChangedAfterSigningThenInvalidRequest() throws Exception {
		SignedJWT valid = sign(JWSAlgorithm.PS256, CLIENT_RSA, claims("ps-client", NOW).build());
		JWTClaimsSet changed = new JWTClaimsSet.Builder(valid.getJWTClaimsSet()).claim("login_hint", "mallory").build();
		SignedJWT tampered = new SignedJWT(valid.getHeader().toBase64URL(), Base64URL.encode(changed.toString()),
				valid.getSignature());

		assertRefused(PS256_CLIENT, tampered, "signature");
	}

	@Test
	void verifyWhenHs256WithTheClientSecretThenInvalidRequest() throws JOSEException {
		SignedJWT requestObject = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("ec-client", NOW).build());
		requestObject.sign(new MACSigner("ec-client-secret-0123456789abcdefgh".getBytes()));

		assertRefused(EC_CLIENT, requestObject, "algorithm");
	}

	@Test
	void verifyWhenRs256WhilePs256IsRegisteredThenInvalidRequest() {
		SignedJWT requestObject = sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("ps-client", NOW).build());

		assertRefused(PS256_CLIENT, requestObject, "registered algorithm");
	}

	@Test
	void verifyWhenSignedWithAnotherClientsKeyThenInvalidRequest() {
		SignedJWT requestObject = sign(JWSAlgorithm.PS256, OTHER_CLIENT_RSA, claims("ps-client", NOW).build());

		assertRefused(PS256_CLIENT, requestObject, "signature");
	}

	@Test
	void verifyWhenAlgorithmDoesNotMatchTheKeyTypeThenInvalidRequest() {
		SignedJWT requestObject = sign(JWSAlgorithm.PS256, CLIENT_RSA, claims("ec-client", NOW).build());

		assertRefused(EC_CLIENT, requestObject, "signature");
	}

	@Test
	void verifyWhenTheClientHasNoKeysThenInvalidRequest() {
		RegisteredClient keyless = TestRequestObjects.client("keyless", null);

		assertRefused(keyless, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims("keyless", NOW).build()), "keys");
	}

	@Test
	void verifyWhenTheClientsKeysAreAtAJwksUriThenFetchedAndAccepted() {
		RegisteredClient client = uriClient("uri-client", "https://partner.example/jwks");

		JWTClaimsSet claims = this.verifier.verify(client,
				sign(JWSAlgorithm.ES256, CLIENT_EC, claims("uri-client", NOW).build()));

		assertThat(claims.getIssuer()).isEqualTo("uri-client");
	}

	@Test
	void verifyWhenTheJwksUriCannotBeFetchedThenInvalidRequest() {
		RegisteredClient client = uriClient("uri-client", "https://unreachable.example/jwks");

		assertRefused(client, sign(JWSAlgorithm.ES256, CLIENT_EC, claims("uri-client", NOW).build()),
				"The client's registered keys cannot be used");
	}

	@Test
	void verifyWhenJtiIsReplayedThenInvalidRequest() {
		JWTClaimsSet claims = claims("ps-client", NOW).build();
		this.verifier.verify(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims));

		assertRefused(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims), "jti");
	}

	@Test
	void verifyWhenAnotherClientUsedTheSameJtiThenAccepted() {
		JWTClaimsSet first = claims("ps-client", NOW).jwtID("shared-jti").build();
		JWTClaimsSet second = claims("ec-client", NOW).jwtID("shared-jti").build();
		this.verifier.verify(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, first));

		assertThat(this.verifier.verify(EC_CLIENT, sign(JWSAlgorithm.ES256, CLIENT_EC, second)).getJWTID())
			.isEqualTo("shared-jti");
		assertThat(this.usedJtis).hasSize(2);
	}

	@Test
	void verifyWhenRefusedBeforeTheReplayCheckThenTheJtiStaysUnused() {
		JWTClaimsSet claims = claims("ps-client", NOW).audience("https://www.other1.example.com/").build();

		assertRefused(PS256_CLIENT, sign(JWSAlgorithm.PS256, CLIENT_RSA, claims), "aud");
		assertThat(this.usedJtis).isEmpty();
	}

	@Test
	void verifyWhenExpiryIsNotANumberThenInvalidRequest() throws Exception {
		JWTClaimsSet claims = claims("ps-client", NOW).claim("exp", "tomorrow").build();
		SignedJWT received = SignedJWT.parse(sign(JWSAlgorithm.PS256, CLIENT_RSA, claims).serialize());

		assertRefused(PS256_CLIENT, received, "claims are malformed");
	}

	private static JWTClaimsSet times(Instant issuedAt, Instant notBefore, Instant expiresAt) {
		return claims("ps-client", NOW).issueTime(Date.from(issuedAt))
			.notBeforeTime(Date.from(notBefore))
			.expirationTime(Date.from(expiresAt))
			.build();
	}

	private void assertRefused(RegisteredClient client, SignedJWT requestObject, String named) {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.verifier.verify(client, requestObject))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request");
				assertThat(ex.getError().getDescription()).contains(named);
			});
	}

	private static RegisteredClient uriClient(String clientId, String jwksUri) {
		RegisteredClient client = TestRequestObjects.client(clientId, null);
		return RegisteredClient.from(client)
			.clientSettings(ClientSettings.withSettings(client.getClientSettings().getSettings())
				.setting(CibaClientSettings.JWKS_URI, jwksUri)
				.build())
			.build();
	}

	private static JWKSet publishedKeys(String uri) {
		if (!uri.equals("https://partner.example/jwks")) {
			throw new JwkSetFetchException("The jwks_uri refused the connection");
		}
		return new JWKSet(CLIENT_EC.toPublicJWK());
	}

	private static CibaProperties properties() {
		CibaProperties properties = new CibaProperties();
		properties.setIssuer(ISSUER);
		return properties;
	}

}
