package dev.ciba.server.client;

import java.net.UnknownHostException;
import java.util.List;

import dev.ciba.server.config.CibaProperties.SeedClient;
import dev.ciba.server.delivery.NotificationEndpointGuard;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The client authentication metadata of seeded clients, checked at start-up by the rules
 * registrations follow too.
 */
class ClientSeederAuthenticationTests {

	private static final String NAME = "ciba.seed.clients[partner]";

	private final NotificationEndpointGuard guard = new NotificationEndpointGuard(false, (host) -> {
		throw new UnknownHostException("no lookups in unit tests");
	});

	@Test
	void toRegisteredClientWhenPrivateKeyJwtWithJwksUriThenNoSecretAndTheUriStored() {
		SeedClient seed = seed(null, "private_key_jwt");
		seed.setJwksUri("https://partner.example/jwks.json");
		seed.setTokenEndpointAuthSigningAlg("PS256");

		RegisteredClient client = ClientSeeder.toRegisteredClient(seed, null, this.guard);

		assertThat(client.getClientSecret()).isNull();
		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
		assertThat(CibaClientSettings.jwksUri(client)).isEqualTo("https://partner.example/jwks.json");
		assertThat(CibaClientSettings.clientAssertionSigningAlgorithm(client)).isEqualTo("PS256");
	}

	@Test
	void toRegisteredClientWhenSecretMethodsThenSecretStoredAsSha256() {
		RegisteredClient client = ClientSeeder.toRegisteredClient(
				seed("a-seeded-client-secret-0123456789abcdef", "client_secret_basic"), null, this.guard);

		assertThat(client.getClientSecret())
			.isEqualTo("{sha256}" + new Sha256PasswordEncoder().encode("a-seeded-client-secret-0123456789abcdef"));
	}

	@Test
	void toRegisteredClientWhenPrivateKeyJwtOnlyWithASecretThenStartUpStops() {
		SeedClient seed = seed("a-seeded-client-secret-0123456789abcdef", "private_key_jwt");
		seed.setJwksUri("https://partner.example/jwks.json");

		assertRefused(seed, NAME + ".client-secret must not be set for a client without client_secret_basic or "
				+ "client_secret_post");
	}

	@Test
	void toRegisteredClientWhenMethodIsNoneThenStartUpStopsNamingTheProperty() {
		assertRefused(seed("a-seeded-client-secret-0123456789abcdef", "client_secret_basic", "none"),
				NAME + ".authentication-methods must not be none: CIBA clients must authenticate");
	}

	@Test
	void toRegisteredClientWhenPrivateKeyJwtWithoutKeysThenStartUpStops() {
		assertRefused(seed(null, "private_key_jwt"),
				NAME + ".authentication-methods private_key_jwt needs the client's keys in jwks or jwks_uri");
	}

	@Test
	void toRegisteredClientWhenAssertionAlgorithmIsSymmetricThenStartUpStops() {
		SeedClient seed = seed(null, "private_key_jwt");
		seed.setJwksUri("https://partner.example/jwks.json");
		seed.setTokenEndpointAuthSigningAlg("HS256");

		assertRefused(seed, NAME + ".token-endpoint-auth-signing-alg must be one of [RS256, PS256, ES256]");
	}

	private void assertRefused(SeedClient seed, String message) {
		assertThatIllegalStateException().isThrownBy(() -> ClientSeeder.toRegisteredClient(seed, null, this.guard))
			.withMessage(message);
	}

	private static SeedClient seed(String secret, String... methods) {
		SeedClient seed = new SeedClient();
		seed.setClientId("partner");
		seed.setClientSecret(secret);
		seed.setAuthenticationMethods(List.of(methods));
		return seed;
	}

}
