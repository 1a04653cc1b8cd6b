package dev.ciba.server.client;

import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.ciba.server.config.CibaProperties.SeedClient;
import dev.ciba.server.delivery.NotificationEndpointGuard;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The key, signing and hint metadata of seeded clients, checked at start-up.
 */
class SignedRequestMetadataTests {

	private static final String NAME = "ciba.seed.clients[partner]";

	private static final NotificationEndpointGuard GUARD = new NotificationEndpointGuard(false, (host) -> {
		throw new UnknownHostException("no lookups in unit tests");
	});

	private static final RSAKey RSA = rsa(2048);

	private static final ECKey EC = ec(Curve.P_256);

	@Test
	void toRegisteredClientWhenKeysAlgorithmAndHintsThenStoredAsStrings() throws Exception {
		SeedClient seed = seed(jwks(RSA), "PS256");
		seed.setAllowedHints(List.of("login_hint", "login_hint_token"));

		ClientSettings settings = ClientSeeder.toRegisteredClient(seed, null, GUARD).getClientSettings();

		assertThat(settings.<Object>getSetting("backchannel_authentication_request_signing_alg")).isEqualTo("PS256");
		assertThat(settings.<Object>getSetting("allowed_hints")).isEqualTo("login_hint login_hint_token");
		JWKSet stored = JWKSet.parse((String) settings.getSetting("jwks"));
		assertThat(stored.getKeys()).hasSize(1);
		assertThat(stored.getKeys().get(0)).isEqualTo(RSA.toPublicJWK());
		assertThat(settings.getSettings()).doesNotContainKey("jwks_uri");
	}

	@Test
	void toRegisteredClientWhenNothingRegisteredThenNoKeySettings() {
		ClientSettings settings = ClientSeeder.toRegisteredClient(seed(null, null), null, GUARD).getClientSettings();

		assertThat(settings.getSettings()).doesNotContainKeys("jwks", "jwks_uri",
				"backchannel_authentication_request_signing_alg", "allowed_hints");
	}

	@Test
	void toRegisteredClientWhenKeysCarryMoreParametersThenOnlyIdUseAlgorithmAndKeyAreStored() throws Exception {
		RSAKey withExtras = new RSAKey.Builder(RSA.toRSAPublicKey()).keyID("key-1")
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.PS256)
			.keyOperations(Set.of(KeyOperation.VERIFY))
			.x509CertURL(URI.create("https://partner.example/cert.pem"))
			.build();

		ClientSettings settings = ClientSeeder.toRegisteredClient(seed(jwks(withExtras), null), null, GUARD)
			.getClientSettings();

		RSAKey expected = new RSAKey.Builder(RSA.toRSAPublicKey()).keyID("key-1")
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.PS256)
			.build();
		assertThat((String) settings.getSetting("jwks")).isEqualTo(new JWKSet(expected).toString());
	}

	@Test
	void validateWhenEcKeyWithoutAlgorithmThenAccepted() {
		assertThatNoException().isThrownBy(() -> ClientSeeder.toRegisteredClient(seed(jwks(EC), null), null, GUARD));
	}

	@Test
	void toRegisteredClientWhenJwksUriThenStoredUnderItsMetadataName() {
		SeedClient seed = seed(null, "ES256");
		seed.setJwksUri("https://partner.example/jwks");

		ClientSettings settings = ClientSeeder.toRegisteredClient(seed, null, GUARD).getClientSettings();

		assertThat(settings.<Object>getSetting("jwks_uri")).isEqualTo("https://partner.example/jwks");
		assertThat(settings.getSettings()).doesNotContainKeys("jwks", "settings.client.jwk-set-url");
	}

	@Test
	void validateWhenJwksUriIsHttpOrPrivateThenStartUpStops() {
		SeedClient http = seed(null, null);
		http.setJwksUri("http://partner.example/jwks");
		SeedClient internal = seed(null, null);
		internal.setJwksUri("https://10.1.2.3/jwks");

		assertRefused(http, NAME + ".jwks-uri must be an https URL");
		assertRefused(internal, NAME + ".jwks-uri must not point at a private address");
	}

	@Test
	void validateWhenBothJwksAndJwksUriThenStartUpStops() {
		SeedClient seed = seed(jwks(RSA), null);
		seed.setJwksUri("https://partner.example/jwks");

		assertRefused(seed, NAME + ".jwks and jwks_uri must not both be given");
	}

	@Test
	void validateWhenAlgorithmIsNotSupportedThenStartUpStops() {
		for (String algorithm : List.of("none", "HS256", "RS512", "ps256")) {
			assertRefused(seed(jwks(RSA), algorithm),
					NAME + ".backchannel-authentication-request-signing-alg must be one of [RS256, PS256, ES256]");
		}
	}

	@Test
	void validateWhenAlgorithmWithoutKeysThenStartUpStops() {
		assertRefused(seed(null, "ES256"),
				NAME + ".backchannel-authentication-request-signing-alg needs the client's keys in jwks or jwks_uri");
	}

	@Test
	void validateWhenAPrivateKeyIsRegisteredThenStartUpStops() {
		assertRefused(seed(new JWKSet(RSA).toString(false), null), NAME + ".jwks must hold public keys only");
	}

	@Test
	void validateWhenASymmetricKeyIsRegisteredThenStartUpStops() throws JOSEException {
		OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).keyID("mac").generate();

		assertRefused(seed(new JWKSet(secret).toString(false), null), NAME + ".jwks must hold public keys only");
	}

	@Test
	void validateWhenRsaKeyIsTooShortOrEcCurveIsNotP256ThenStartUpStops() {
		String expected = NAME + ".jwks may hold only RSA keys of at least 2048 bits and EC keys on P-256";

		assertRefused(seed(jwks(rsa(1024)), null), expected);
		assertRefused(seed(jwks(ec(Curve.P_384)), null), expected);
	}

	@Test
	void validateWhenNoKeyFitsTheRegisteredAlgorithmThenStartUpStops() {
		assertRefused(seed(jwks(RSA), "ES256"), NAME + ".jwks holds no key for ES256");
	}

	@Test
	void validateWhenJwksIsNotAJwkSetThenStartUpStops() {
		assertRefused(seed("{\"keys\": 5}", null), NAME + ".jwks is not a valid JWK Set");
		assertRefused(seed("{\"keys\": []}", null), NAME + ".jwks holds no key");
	}

	@Test
	void validateWhenJwksIsTooLongForTheSettingsColumnThenStartUpStops() {
		JWKSet keys = new JWKSet(List.of(rsa(2048), rsa(2048), rsa(2048), rsa(2048), rsa(2048), rsa(2048), rsa(2048)));

		assertRefused(seed(keys.toString(), null), NAME + ".jwks is longer than 2600 characters");
	}

	@Test
	void validateWhenAllowedHintsHoldAnUnknownOrRepeatedHintThenStartUpStops() {
		String expected = NAME
				+ ".allowed-hints must list distinct values of [login_hint, id_token_hint, login_hint_token]";
		SeedClient unknown = seed(null, null);
		unknown.setAllowedHints(List.of("login_hint", "phone_number"));
		SeedClient repeated = seed(null, null);
		repeated.setAllowedHints(List.of("login_hint", "login_hint"));

		assertRefused(unknown, expected);
		assertRefused(repeated, expected);
	}

	private static void assertRefused(SeedClient seed, String message) {
		assertThatIllegalStateException().isThrownBy(() -> ClientSeeder.toRegisteredClient(seed, null, GUARD))
			.withMessage(message);
	}

	private static SeedClient seed(String jwks, String algorithm) {
		SeedClient seed = new SeedClient();
		seed.setClientId("partner");
		seed.setClientSecret("a-seeded-client-secret-0123456789abcdef");
		seed.setJwks(jwks);
		seed.setBackchannelAuthenticationRequestSigningAlg(algorithm);
		return seed;
	}

	private static String jwks(JWK key) {
		return new JWKSet(key).toString();
	}

	private static RSAKey rsa(int bits) {
		try {
			return new RSAKeyGenerator(bits, true).keyID("key-1").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey ec(Curve curve) {
		try {
			return new ECKeyGenerator(curve).keyID("key-1").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
