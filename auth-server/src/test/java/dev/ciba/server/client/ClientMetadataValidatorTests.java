package dev.ciba.server.client;

import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.ciba.server.delivery.HostResolver;
import dev.ciba.server.delivery.NotificationEndpointGuard;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The metadata rules shared by seeded and registered clients, and the settings that hold
 * valid metadata.
 */
class ClientMetadataValidatorTests {

	private static final HostResolver NO_LOOKUPS = (host) -> {
		throw new UnknownHostException("no lookups in unit tests");
	};

	private static final RSAKey RSA = rsa();

	private static final ECKey EC = ec();

	private static final String SPRING_ASSERTION_ALGORITHM = "settings.client."
			+ "token-endpoint-authentication-signing-algorithm";

	private final ClientMetadataValidator validator = new ClientMetadataValidator(
			new NotificationEndpointGuard(false, NO_LOOKUPS));

	private final ClientMetadataValidator development = new ClientMetadataValidator(
			new NotificationEndpointGuard(true, NO_LOOKUPS));

	@Test
	void settingsWhenPollClientWithClientSecretBasicThenOnlyTheDeliveryMode() {
		ClientMetadata metadata = secretClient().build();

		this.validator.validate(metadata);

		assertThat(ClientMetadataValidator.settings(metadata))
			.isEqualTo(Map.of("backchannel_token_delivery_mode", "poll"));
		assertThat(ClientMetadataValidator.usesSecret(metadata)).isTrue();
	}

	@Test
	void settingsWhenPrivateKeyJwtWithAPinnedAlgorithmThenKeysPinAndSpringsLabel() throws Exception {
		ClientMetadata metadata = ClientMetadata.builder()
			.authenticationMethods(List.of("private_key_jwt"))
			.clientAssertionSigningAlg("ES256")
			.jwks(new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK())).toString())
			.deliveryMode("ping")
			.notificationEndpoint("https://partner.example/ciba")
			.userCodeParameter(true)
			.build();

		this.validator.validate(metadata);
		Map<String, Object> settings = ClientMetadataValidator.settings(metadata);

		assertThat(settings).containsOnlyKeys("backchannel_token_delivery_mode",
				"backchannel_client_notification_endpoint", "jwks", "token_endpoint_auth_signing_alg",
				SPRING_ASSERTION_ALGORITHM, "backchannel_user_code_parameter");
		assertThat(settings.get("token_endpoint_auth_signing_alg")).isEqualTo("ES256");
		assertThat(settings.get(SPRING_ASSERTION_ALGORITHM)).isEqualTo(SignatureAlgorithm.ES256);
		assertThat(settings.get("backchannel_user_code_parameter")).isEqualTo(Boolean.TRUE);
		assertThat(JWKSet.parse((String) settings.get("jwks")).getKeys()).containsExactly(RSA.toPublicJWK(),
				EC.toPublicJWK());
		assertThat(ClientMetadataValidator.usesSecret(metadata)).isFalse();
	}

	@Test
	void settingsWhenPrivateKeyJwtByUriWithoutAlgorithmThenNoPinAndSpringsLabelIsRs256() {
		ClientMetadata metadata = ClientMetadata.builder()
			.authenticationMethods(List.of("private_key_jwt"))
			.jwksUri("https://partner.example/jwks.json")
			.deliveryMode("poll")
			.build();

		this.validator.validate(metadata);

		assertThat(ClientMetadataValidator.settings(metadata))
			.isEqualTo(Map.of("backchannel_token_delivery_mode", "poll", "jwks_uri",
					"https://partner.example/jwks.json", SPRING_ASSERTION_ALGORITHM, SignatureAlgorithm.RS256));
	}

	@Test
	void validateWhenMethodIsNoneThenRefusedAsCibaClientsMustAuthenticate() {
		assertRefused(secretClient().authenticationMethods(List.of("none")).build(), "token_endpoint_auth_method",
				"token_endpoint_auth_method must not be none: CIBA clients must authenticate");
	}

	@Test
	void validateWhenMethodIsClientSecretJwtThenRefused() {
		assertRefused(secretClient().authenticationMethods(List.of("client_secret_jwt")).build(),
				"token_endpoint_auth_method",
				"token_endpoint_auth_method must not be client_secret_jwt: client secrets are stored hashed");
	}

	@Test
	void validateWhenMethodIsUnknownOrMissingThenRefused() {
		assertRefused(secretClient().authenticationMethods(List.of("tls_client_auth")).build(),
				"token_endpoint_auth_method",
				"token_endpoint_auth_method must be client_secret_basic, client_secret_post or private_key_jwt");
		assertRefused(secretClient().authenticationMethods(List.of()).build(), "token_endpoint_auth_method",
				"token_endpoint_auth_method is required");
	}

	@Test
	void validateWhenPrivateKeyJwtWithoutKeysThenRefused() {
		assertRefused(secretClient().authenticationMethods(List.of("private_key_jwt")).build(),
				"token_endpoint_auth_method",
				"token_endpoint_auth_method private_key_jwt needs the client's keys in jwks or jwks_uri");
	}

	@Test
	void validateWhenAssertionAlgorithmWithASecretMethodOrUnsupportedThenRefused() {
		assertRefused(secretClient().clientAssertionSigningAlg("RS256").build(), "token_endpoint_auth_signing_alg",
				"token_endpoint_auth_signing_alg applies only to private_key_jwt");
		for (String algorithm : List.of("HS256", "none", "RS512", "ps256")) {
			assertRefused(keyClient().clientAssertionSigningAlg(algorithm).build(), "token_endpoint_auth_signing_alg",
					"token_endpoint_auth_signing_alg must be one of [RS256, PS256, ES256]");
		}
	}

	@Test
	void validateWhenNoRegisteredKeyFitsThePinnedAssertionAlgorithmThenRefused() {
		assertRefused(keyClient().clientAssertionSigningAlg("ES256").build(), "jwks", "jwks holds no key for ES256");
	}

	@Test
	void validateWhenBothJwksAndJwksUriThenRefused() {
		assertRefused(keyClient().jwksUri("https://partner.example/jwks").build(), "jwks",
				"jwks and jwks_uri must not both be given");
	}

	@Test
	void validateWhenJwksUriIsHttpOrLoopbackThenRefusedUnlessTheDevelopmentFlagIsOn() {
		ClientMetadata http = keyClient().jwks(null).jwksUri("http://partner.example/jwks").build();
		ClientMetadata loopback = keyClient().jwks(null).jwksUri("https://127.0.0.1:8443/jwks").build();

		assertRefused(http, "jwks_uri", "jwks_uri must be an https URL");
		assertRefused(loopback, "jwks_uri", "jwks_uri must not point at a loopback address");
		assertThatNoException().isThrownBy(() -> this.development.validate(http));
		assertThatNoException().isThrownBy(() -> this.development.validate(loopback));
	}

	@Test
	void validateWhenPingOrPushWithoutEndpointThenRefused() {
		for (String mode : List.of("ping", "push")) {
			assertRefused(secretClient().deliveryMode(mode).build(), "backchannel_client_notification_endpoint",
					"backchannel_client_notification_endpoint is required for ping and push clients");
		}
	}

	@Test
	void validateWhenNotificationEndpointIsHttpThenRefusedUnlessTheDevelopmentFlagIsOn() {
		ClientMetadata metadata = secretClient().deliveryMode("ping")
			.notificationEndpoint("http://127.0.0.1:9000/ciba")
			.build();

		assertRefused(metadata, "backchannel_client_notification_endpoint",
				"backchannel_client_notification_endpoint must be an https URL");
		assertThatNoException().isThrownBy(() -> this.development.validate(metadata));
	}

	@Test
	void validateWhenDeliveryModeIsMissingOrUnknownThenRefused() {
		assertRefused(secretClient().deliveryMode(null).build(), "backchannel_token_delivery_mode",
				"backchannel_token_delivery_mode is required");
		assertRefused(secretClient().deliveryMode("pull").build(), "backchannel_token_delivery_mode",
				"backchannel_token_delivery_mode must be poll, ping or push");
	}

	@Test
	void validateWhenRequestSigningAlgorithmWithoutKeysThenRefused() {
		assertRefused(secretClient().requestSigningAlg("PS256").build(),
				"backchannel_authentication_request_signing_alg",
				"backchannel_authentication_request_signing_alg needs the client's keys in jwks or jwks_uri");
	}

	@Test
	void validateWhenRequestSigningAlgorithmWithKeysByUriThenAccepted() {
		ClientMetadata metadata = secretClient().jwksUri("https://partner.example/jwks")
			.requestSigningAlg("ES256")
			.build();

		this.validator.validate(metadata);

		assertThat(ClientMetadataValidator.settings(metadata))
			.containsEntry("backchannel_authentication_request_signing_alg", "ES256")
			.containsEntry("jwks_uri", "https://partner.example/jwks");
	}

	private void assertRefused(ClientMetadata metadata, String field, String message) {
		assertThatExceptionOfType(InvalidClientMetadataException.class)
			.isThrownBy(() -> this.validator.validate(metadata))
			.withMessage(message)
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo(field));
	}

	private static ClientMetadata.Builder secretClient() {
		return ClientMetadata.builder().authenticationMethods(List.of("client_secret_basic")).deliveryMode("poll");
	}

	private static ClientMetadata.Builder keyClient() {
		return ClientMetadata.builder()
			.authenticationMethods(List.of("private_key_jwt"))
			.jwks(new JWKSet(RSA.toPublicJWK()).toString())
			.deliveryMode("poll");
	}

	private static RSAKey rsa() {
		try {
			return new RSAKeyGenerator(2048).keyID("rsa-1").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey ec() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
