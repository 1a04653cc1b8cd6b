package dev.ciba.server.client.authentication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.client.keys.ClientKeys;
import dev.ciba.server.client.keys.JwkSetFetchException;
import dev.ciba.server.client.keys.RemoteJwkSets;
import dev.ciba.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Verification of {@code private_key_jwt} client assertions.
 */
class ClientAssertionDecoderFactoryTests {

	private static final String ISSUER = "https://op.example.com";

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final RSAKey CLIENT_RSA = rsa("rsa-1");

	private static final RSAKey NEW_CLIENT_RSA = rsa("rsa-2");

	private static final RSAKey STRANGER_RSA = rsa("rsa-1");

	private static final ECKey CLIENT_EC = ec("ec-1");

	private final MutableClock clock = new MutableClock(NOW);

	private final Map<String, Instant> usedJtis = new HashMap<>();

	private final List<JWKSet> published = new ArrayList<>(List.of(new JWKSet(CLIENT_RSA.toPublicJWK())));

	private final AtomicInteger fetches = new AtomicInteger();

	private final ClientAssertionDecoderFactory factory = new ClientAssertionDecoderFactory(ISSUER, "/oauth2/token",
			new ClientKeys(new RemoteJwkSets(this::fetch, this.clock)),
			(hash, keepUntil, now) -> this.usedJtis.putIfAbsent(hash, keepUntil) == null, this.clock);

	@Test
	void decodeWhenAudienceIsTheIssuerTheTokenEndpointOrTheBackchannelEndpointThenAccepted() {
		RegisteredClient client = client("partner", null, CLIENT_RSA);
		for (String audience : List.of(ISSUER, ISSUER + "/oauth2/token", ISSUER + "/oauth2/bc-authorize")) {
			String assertion = sign(JWSAlgorithm.PS256, CLIENT_RSA, claims("partner").audience(audience).build());

			Jwt jwt = decode(client, assertion);

			assertThat(jwt.getAudience()).containsExactly(audience);
		}
		assertThat(this.usedJtis).hasSize(3);
	}

	@Test
	void decodeWhenAudienceIsAnArrayHoldingTheIssuerThenAccepted() {
		String assertion = sign(JWSAlgorithm.ES256, CLIENT_EC,
				claims("partner").audience(List.of("https://elsewhere.example", ISSUER)).build());

		Jwt jwt = decode(client("partner", null, CLIENT_EC), assertion);

		assertThat(jwt.getSubject()).isEqualTo("partner");
		assertThat(jwt.getTokenValue()).isEqualTo(assertion);
		assertThat(jwt.getExpiresAt()).isEqualTo(NOW.plusSeconds(60));
		assertThat(jwt.getHeaders()).containsEntry("alg", "ES256").containsEntry("kid", "ec-1");
	}

	@Test
	void decodeWhenAudienceNamesAnotherServerOrIsMissingThenRefused() {
		RegisteredClient client = client("partner", null, CLIENT_RSA);

		assertRefused(client,
				sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").audience(ISSUER + "/oauth2/introspect").build()),
				"The client assertion's aud must identify this server");
		assertRefused(client, sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").audience((String) null).build()),
				"The client assertion's aud must identify this server");
	}

	@Test
	void decodeWhenTheJtiIsMissingThenRefused() {
		assertRefused(client("partner", null, CLIENT_RSA),
				sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").jwtID(null).build()),
				"The client assertion has no jti claim");
	}

	@Test
	void decodeWhenReplayedThenRefusedAndTheJtiIsKeptUntilExpiryPlusSkew() {
		RegisteredClient client = client("partner", null, CLIENT_RSA);
		String assertion = sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").build());
		decode(client, assertion);

		assertRefused(client, assertion, "The client assertion was already used (jti)");
		assertThat(this.usedJtis.values()).containsExactly(NOW.plusSeconds(60 + 60));
	}

	@Test
	void decodeWhenTheSameJtiComesFromAnotherClientThenAccepted() {
		JWTClaimsSet claims = claims("partner").build();
		decode(client("partner", null, CLIENT_RSA), sign(JWSAlgorithm.RS256, CLIENT_RSA, claims));
		JWTClaimsSet otherClaims = new JWTClaimsSet.Builder(claims).issuer("other").subject("other").build();

		decode(client("other", null, CLIENT_RSA), sign(JWSAlgorithm.RS256, CLIENT_RSA, otherClaims));

		assertThat(this.usedJtis).hasSize(2);
	}

	@Test
	void decodeWhenSignedWithHs256ThenRefused() throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("partner").build());
		jwt.sign(new MACSigner("a-shared-secret-of-at-least-256-bits-0123456789"));

		assertRefused(client("partner", null, CLIENT_RSA), jwt.serialize(),
				"The client assertion's algorithm is not accepted");
	}

	@Test
	void decodeWhenUnsignedWithAlgNoneThenRefused() {
		String unsigned = new PlainJWT(claims("partner").build()).serialize();

		assertRefused(client("partner", null, CLIENT_RSA), unsigned, "The client assertion is not a signed JWT");
	}

	@Test
	void decodeWhenExpiredBeyondTheSkewThenRefusedWithinItAccepted() {
		RegisteredClient client = client("partner", null, CLIENT_RSA);
		String lateButWithinSkew = sign(JWSAlgorithm.RS256, CLIENT_RSA,
				claims("partner").issueTime(Date.from(NOW.minusSeconds(120)))
					.expirationTime(Date.from(NOW.minusSeconds(60)))
					.build());
		String expired = sign(JWSAlgorithm.RS256, CLIENT_RSA,
				claims("partner").issueTime(Date.from(NOW.minusSeconds(120)))
					.expirationTime(Date.from(NOW.minusSeconds(61)))
					.build());

		decode(client, lateButWithinSkew);
		assertRefused(client, expired, "The client assertion has expired");
	}

	@Test
	void decodeWhenExpIsMissingOrTooFarAheadThenRefused() {
		RegisteredClient client = client("partner", null, CLIENT_RSA);

		assertRefused(client, sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").expirationTime(null).build()),
				"The client assertion has no exp claim");
		assertRefused(client,
				sign(JWSAlgorithm.RS256, CLIENT_RSA,
						claims("partner").expirationTime(Date.from(NOW.plus(Duration.ofMinutes(12)))).build()),
				"The client assertion's exp is too far in the future");
	}

	@Test
	void decodeWhenExpIsNotAfterIatThenRefused() {
		assertRefused(client("partner", null, CLIENT_RSA),
				sign(JWSAlgorithm.RS256, CLIENT_RSA,
						claims("partner").issueTime(Date.from(NOW.plusSeconds(30)))
							.expirationTime(Date.from(NOW.plusSeconds(30)))
							.build()),
				"The client assertion's exp must be after its iat");
	}

	@Test
	void decodeWhenNotYetValidThenRefused() {
		assertRefused(client("partner", null, CLIENT_RSA),
				sign(JWSAlgorithm.RS256, CLIENT_RSA,
						claims("partner").notBeforeTime(Date.from(NOW.plusSeconds(61))).build()),
				"The client assertion's nbf or iat is in the future");
	}

	@Test
	void decodeWhenIssuerOrSubjectIsNotTheClientThenRefused() {
		RegisteredClient client = client("partner", null, CLIENT_RSA);

		assertRefused(client, sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").subject("other").build()),
				"The client assertion's iss and sub must be the client's client_id");
		assertRefused(client, sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").issuer("other").build()),
				"The client assertion's iss and sub must be the client's client_id");
	}

	@Test
	void decodeWhenSignedByAKeyTheClientDidNotRegisterThenRefusedAndNoJtiIsUsedUp() {
		assertRefused(client("partner", null, CLIENT_RSA),
				sign(JWSAlgorithm.RS256, STRANGER_RSA, claims("partner").build()),
				"The client assertion's signature does not verify with the client's keys");
		assertThat(this.usedJtis).isEmpty();
	}

	@Test
	void decodeWhenTheClientPinnedAnotherAlgorithmThenRefused() {
		assertRefused(client("partner", "PS256", CLIENT_RSA),
				sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").build()),
				"The client assertion must be signed with the client's registered algorithm");
	}

	@Test
	void decodeWhenTheClientIsNotRegisteredForPrivateKeyJwtThenRefused() {
		RegisteredClient secretClient = RegisteredClient.from(client("partner", null, CLIENT_RSA))
			.clientAuthenticationMethods((methods) -> {
				methods.clear();
				methods.add(ClientAuthenticationMethod.CLIENT_SECRET_JWT);
			})
			.build();

		assertRefused(secretClient, sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").build()),
				"The client is not registered for private_key_jwt");
	}

	@Test
	void decodeWhenAJwksUriClientSignsWithANewKeyIdThenTheSetIsFetchedAgainOnce() {
		RegisteredClient client = uriClient("partner");
		decode(client, sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").build()));
		this.published.set(0, new JWKSet(List.of(CLIENT_RSA.toPublicJWK(), NEW_CLIENT_RSA.toPublicJWK())));
		this.clock.advance(RemoteJwkSets.MIN_REFETCH);

		decode(client, sign(JWSAlgorithm.RS256, NEW_CLIENT_RSA, claims("partner").build()));

		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void decodeWhenUnknownKeyIdsComeFasterThanTheRefetchIntervalThenOneFetchPer30Seconds() {
		RegisteredClient client = uriClient("partner");
		decode(client, sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").build()));
		this.clock.advance(Duration.ofSeconds(30));
		String unknownKey = sign(JWSAlgorithm.RS256, NEW_CLIENT_RSA, claims("partner").build());

		assertRefused(client, unknownKey, "The client assertion's signature does not verify with the client's keys");
		assertRefused(client, sign(JWSAlgorithm.RS256, NEW_CLIENT_RSA, claims("partner").build()),
				"The client assertion's signature does not verify with the client's keys");
		assertThat(this.fetches).hasValue(2);

		this.published.set(0, new JWKSet(NEW_CLIENT_RSA.toPublicJWK()));
		this.clock.advance(Duration.ofSeconds(30));
		decode(client, unknownKey);

		assertThat(this.fetches).hasValue(3);
	}

	@Test
	void decodeWhenTheJwksUriCannotBeFetchedThenRefused() {
		this.published.clear();

		assertRefused(uriClient("partner"), sign(JWSAlgorithm.RS256, CLIENT_RSA, claims("partner").build()),
				"The client's keys cannot be used");
	}

	@Test
	void useInWhenTheProvidersHoldTheClientAssertionProviderThenItUsesThisFactory() {
		JwtClientAssertionAuthenticationProvider provider = new JwtClientAssertionAuthenticationProvider(
				new InMemoryRegisteredClientRepository(client("partner", null, CLIENT_RSA)),
				new InMemoryOAuth2AuthorizationService());
		List<AuthenticationProvider> providers = List.of(provider);

		this.factory.useIn(providers);

		assertThat(ReflectionTestUtils.getField(provider, "jwtDecoderFactory")).isSameAs(this.factory);
	}

	@Test
	void useInWhenNoClientAssertionProviderThenFails() {
		assertThatIllegalStateException().isThrownBy(() -> this.factory.useIn(List.of()))
			.withMessage("No client assertion provider to verify private_key_jwt with");
	}

	private JWKSet fetch(String uri) {
		this.fetches.incrementAndGet();
		if (this.published.isEmpty()) {
			throw new JwkSetFetchException("The jwks_uri refused the connection");
		}
		return this.published.get(0);
	}

	private Jwt decode(RegisteredClient client, String assertion) {
		return this.factory.createDecoder(client).decode(assertion);
	}

	private void assertRefused(RegisteredClient client, String assertion, String message) {
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decode(client, assertion))
			.withMessage(message);
	}

	private static JWTClaimsSet.Builder claims(String clientId) {
		return new JWTClaimsSet.Builder().issuer(clientId)
			.subject(clientId)
			.audience(ISSUER)
			.issueTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plusSeconds(60)))
			.jwtID(UUID.randomUUID().toString());
	}

	private static RegisteredClient client(String clientId, String algorithm, JWK key) {
		ClientSettings.Builder settings = ClientSettings.builder()
			.setting(CibaClientSettings.JWKS, new JWKSet(key.toPublicJWK()).toString());
		if (algorithm != null) {
			settings.setting(CibaClientSettings.CLIENT_ASSERTION_SIGNING_ALG, algorithm);
		}
		return registeredClient(clientId, settings.build());
	}

	private static RegisteredClient uriClient(String clientId) {
		return registeredClient(clientId,
				ClientSettings.builder().setting(CibaClientSettings.JWKS_URI, "https://partner.example/jwks").build());
	}

	private static RegisteredClient registeredClient(String clientId, ClientSettings settings) {
		return RegisteredClient.withId("id-" + clientId)
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(new AuthorizationGrantType("urn:openid:params:grant-type:ciba"))
			.scope("openid")
			.clientSettings(settings)
			.build();
	}

	private static String sign(JWSAlgorithm algorithm, JWK key, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
		try {
			JWSSigner signer = (key instanceof ECKey ec) ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static RSAKey rsa(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey ec(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
