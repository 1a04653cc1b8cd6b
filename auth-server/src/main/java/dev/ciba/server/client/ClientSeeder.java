package dev.ciba.server.client;

import java.time.Instant;
import java.util.Set;
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

	private static final Set<String> SUPPORTED_METHODS = Set.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());

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
		validate(seed, endpointGuard);
		String id = (existing != null) ? existing.getId() : UUID.randomUUID().toString();
		Instant issuedAt = (existing != null) ? existing.getClientIdIssuedAt() : Instant.now();
		return RegisteredClient.withId(id)
			.clientId(seed.getClientId())
			.clientIdIssuedAt(issuedAt)
			.clientSecret(encodeSecret(seed.getClientSecret()))
			.clientName((seed.getClientName() != null) ? seed.getClientName() : seed.getClientId())
			.clientAuthenticationMethods((methods) -> seed.getAuthenticationMethods()
				.forEach((method) -> methods.add(new ClientAuthenticationMethod(method))))
			.authorizationGrantTypes(
					(grants) -> seed.getGrantTypes().forEach((grant) -> grants.add(new AuthorizationGrantType(grant))))
			.scopes((scopes) -> scopes.addAll(seed.getScopes()))
			.clientSettings(ClientSettings.builder()
				.requireProofKey(false)
				.requireAuthorizationConsent(false)
				.settings((settings) -> DeliveryMetadata.apply(seed, settings))
				.settings((settings) -> SignedRequestMetadata.apply(seed, settings))
				.build())
			.build();
	}

	private static String encodeSecret(String secret) {
		if (secret.startsWith(SHA256_PREFIX)) {
			return secret;
		}
		return SHA256_PREFIX + new Sha256PasswordEncoder().encode(secret);
	}

	private static void validate(SeedClient seed, NotificationEndpointGuard endpointGuard) {
		String name = "ciba.seed.clients[" + seed.getClientId() + "]";
		if (seed.getClientId() == null || seed.getClientId().isBlank()) {
			throw new IllegalStateException("ciba.seed.clients[].client-id is required");
		}
		String secret = seed.getClientSecret();
		if (secret == null || (!secret.startsWith(SHA256_PREFIX) && secret.length() < MIN_SECRET_LENGTH)) {
			throw new IllegalStateException(
					name + ".client-secret must have at least " + MIN_SECRET_LENGTH + " characters");
		}
		DeliveryMetadata.validate(name, seed, endpointGuard);
		// client_secret_jwt needs the secret in clear, which is never stored;
		// private_key_jwt needs registered
		// client keys, which seeded clients cannot carry yet.
		if (!SUPPORTED_METHODS.containsAll(seed.getAuthenticationMethods())) {
			throw new IllegalStateException(
					name + ".authentication-methods: only client_secret_basic and client_secret_post are supported");
		}
		SignedRequestMetadata.validate(name, seed);
	}

}
