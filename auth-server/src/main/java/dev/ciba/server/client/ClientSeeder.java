package dev.ciba.server.client;

import java.time.Instant;
import java.util.UUID;

import dev.ciba.server.config.CibaProperties;
import dev.ciba.server.config.CibaProperties.SeedClient;
import dev.ciba.server.delivery.NotificationEndpointGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.stereotype.Component;

/**
 * Creates or updates the clients listed under {@code ciba.seed.clients}, keeping each
 * client's internal id so that its requests and tokens stay valid. Safe to run on several
 * nodes at once.
 */
@Component
@Order(2)
class ClientSeeder implements ApplicationRunner {

	/**
	 * Shortest accepted client secret in clear; server-generated secrets have 256 bits of
	 * entropy.
	 */
	static final int MIN_SECRET_LENGTH = 32;

	private static final Logger logger = LoggerFactory.getLogger(ClientSeeder.class);

	private static final String SHA256_PREFIX = "{" + Sha256PasswordEncoder.ID + "}";

	private final CibaProperties properties;

	private final RegisteredClientRepository clients;

	private final NotificationEndpointGuard endpointGuard;

	ClientSeeder(CibaProperties properties, RegisteredClientRepository clients,
			NotificationEndpointGuard endpointGuard) {
		this.properties = properties;
		this.clients = clients;
		this.endpointGuard = endpointGuard;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (SeedClient seed : this.properties.getSeed().getClients()) {
			RegisteredClient existing = this.clients.findByClientId(seed.getClientId());
			RegisteredClient client = toRegisteredClient(seed, existing, this.endpointGuard);
			try {
				this.clients.save(client);
				logger.info("Seeded client {} from configuration", seed.getClientId());
			}
			catch (DuplicateKeyException | IllegalArgumentException ex) {
				if (existing != null || this.clients.findByClientId(seed.getClientId()) == null) {
					throw ex;
				}
				logger.debug("Client {} was seeded concurrently by another node", seed.getClientId());
			}
		}
	}

	static RegisteredClient toRegisteredClient(SeedClient seed, RegisteredClient existing,
			NotificationEndpointGuard endpointGuard) {
		ClientMetadata metadata = validate(seed, new ClientMetadataValidator(endpointGuard));
		String id = (existing != null) ? existing.getId() : UUID.randomUUID().toString();
		Instant issuedAt = (existing != null) ? existing.getClientIdIssuedAt() : Instant.now();
		return RegisteredClient.withId(id)
			.clientId(seed.getClientId())
			.clientIdIssuedAt(issuedAt)
			.clientSecret(ClientMetadataValidator.usesSecret(metadata) ? encodeSecret(seed.getClientSecret()) : null)
			.clientName((seed.getClientName() != null) ? seed.getClientName() : seed.getClientId())
			.clientAuthenticationMethods((methods) -> seed.getAuthenticationMethods()
				.forEach((method) -> methods.add(new ClientAuthenticationMethod(method))))
			.authorizationGrantTypes(
					(grants) -> seed.getGrantTypes().forEach((grant) -> grants.add(new AuthorizationGrantType(grant))))
			.scopes((scopes) -> scopes.addAll(seed.getScopes()))
			.clientSettings(ClientSettings.builder()
				.requireProofKey(false)
				.requireAuthorizationConsent(false)
				.settings((settings) -> settings.putAll(ClientMetadataValidator.settings(metadata)))
				.build())
			.build();
	}

	private static String encodeSecret(String secret) {
		if (secret.startsWith(SHA256_PREFIX)) {
			return secret;
		}
		return SHA256_PREFIX + new Sha256PasswordEncoder().encode(secret);
	}

	private static ClientMetadata validate(SeedClient seed, ClientMetadataValidator validator) {
		String name = "ciba.seed.clients[" + seed.getClientId() + "]";
		if (seed.getClientId() == null || seed.getClientId().isBlank()) {
			throw new IllegalStateException("ciba.seed.clients[].client-id is required");
		}
		ClientMetadata metadata = metadata(seed);
		String secret = seed.getClientSecret();
		if (ClientMetadataValidator.usesSecret(metadata)) {
			if (secret == null || (!secret.startsWith(SHA256_PREFIX) && secret.length() < MIN_SECRET_LENGTH)) {
				throw new IllegalStateException(
						name + ".client-secret must have at least " + MIN_SECRET_LENGTH + " characters");
			}
		}
		else if (secret != null) {
			throw new IllegalStateException(name + ".client-secret must not be set for a client without "
					+ "client_secret_basic or client_secret_post");
		}
		try {
			validator.validate(metadata);
		}
		catch (InvalidClientMetadataException ex) {
			throw new IllegalStateException(name + "." + property(ex.getField()) + " " + ex.getProblem());
		}
		return metadata;
	}

	private static ClientMetadata metadata(SeedClient seed) {
		return ClientMetadata.builder()
			.authenticationMethods(seed.getAuthenticationMethods())
			.clientAssertionSigningAlg(blankToNull(seed.getTokenEndpointAuthSigningAlg()))
			.jwks(blankToNull(seed.getJwks()))
			.jwksUri(blankToNull(seed.getJwksUri()))
			.deliveryMode(seed.getBackchannelTokenDeliveryMode())
			.notificationEndpoint(blankToNull(seed.getBackchannelClientNotificationEndpoint()))
			.requestSigningAlg(blankToNull(seed.getBackchannelAuthenticationRequestSigningAlg()))
			.userCodeParameter(seed.isBackchannelUserCodeParameter())
			.allowedHints(seed.getAllowedHints())
			.numberMatchingRequired(seed.isNumberMatchingRequired())
			.authorizationDetailsTypes(seed.getAuthorizationDetailsTypes())
			.build();
	}

	// A seeded client lists its methods under authentication-methods; every other
	// metadata name is its property name with dashes.
	private static String property(String field) {
		return ClientMetadataValidator.AUTHENTICATION_METHOD.equals(field) ? "authentication-methods"
				: field.replace('_', '-');
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
