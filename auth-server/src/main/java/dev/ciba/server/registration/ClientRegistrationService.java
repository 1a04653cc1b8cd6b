package dev.ciba.server.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.ciba.server.client.ClientMetadata;
import dev.ciba.server.client.ClientMetadataValidator;
import dev.ciba.server.client.InvalidClientMetadataException;
import dev.ciba.server.client.Sha256PasswordEncoder;
import dev.ciba.server.config.CibaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;

/**
 * Registers CIBA clients (RFC 7591 §3), shows a registered client to the holder of its
 * registration access token (RFC 7592 §2.1), and creates and changes clients for the
 * operator console through the very same checks, so that no client can be set up in a way
 * a registration could not.
 * <p>
 * The server makes up the {@code client_id}, the {@code client_secret} (for the secret
 * methods; {@value #SECRET_BYTES} random bytes, stored as a {@code {sha256}} hash and
 * shown once) and the registration access token ({@value #SECRET_BYTES} random bytes,
 * stored as a SHA-256 hash in the client's settings).
 */
@Service
public class ClientRegistrationService {

	/** Random bytes of a client secret and of a registration access token: 256 bits. */
	public static final int SECRET_BYTES = 32;

	/** Random bytes of a {@code client_id}: 144 bits, 24 characters. */
	public static final int CLIENT_ID_BYTES = 18;

	/**
	 * The client setting that holds the SHA-256 hash (hex) of the registration access
	 * token.
	 */
	static final String REGISTRATION_TOKEN_HASH = "registration_access_token_hash";

	/** Longest {@code client_id} looked up; server-made ones are much shorter. */
	private static final int MAX_CLIENT_ID_LENGTH = 100;

	private static final String SHA256_PREFIX = "{" + Sha256PasswordEncoder.ID + "}";

	private static final Logger logger = LoggerFactory.getLogger(ClientRegistrationService.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final RegisteredClientRepository clients;

	private final InitialAccessTokens initialAccessTokens;

	private final ClientMetadataValidator validator;

	private final String issuer;

	private final Clock clock;

	private final ClientRegistrationRequestParser parser = new ClientRegistrationRequestParser();

	ClientRegistrationService(RegisteredClientRepository clients, InitialAccessTokens initialAccessTokens,
			ClientMetadataValidator validator, CibaProperties properties, Clock clock) {
		this.clients = clients;
		this.initialAccessTokens = initialAccessTokens;
		this.validator = validator;
		this.issuer = properties.getIssuer();
		this.clock = clock;
	}

	/**
	 * Checks the initial access token of a registration, before its body is read.
	 * @param bearerToken the token, or {@code null} when none came
	 * @throws ClientRegistrationException when it is missing, invalid or used
	 */
	InitialAccessToken authorize(String bearerToken) {
		return this.initialAccessTokens.verify(bearerToken);
	}

	/**
	 * Registers a client, using up the initial access token.
	 * @return the registration response: the client's metadata with its credentials
	 * @throws ClientRegistrationException {@code invalid_client_metadata} for metadata
	 * the server refuses (the token is then not used up), {@code invalid_token} for a
	 * token used meanwhile
	 */
	Map<String, Object> register(InitialAccessToken token, ClientRegistrationRequest request) {
		ClientMetadata metadata = request.metadata();
		validate(metadata);
		this.initialAccessTokens.use(token);
		String clientId = random(CLIENT_ID_BYTES);
		String secret = ClientMetadataValidator.usesSecret(metadata) ? random(SECRET_BYTES) : null;
		String registrationToken = random(SECRET_BYTES);
		RegisteredClient client = toRegisteredClient(UUID.randomUUID().toString(), clientId, this.clock.instant(),
				(secret != null) ? SHA256_PREFIX + hash(secret) : null, request, TokenSettings.builder().build())
			.clientSettings(clientSettings(metadata, hash(registrationToken)))
			.build();
		this.clients.save(client);
		logger.info("Registered client {} dynamically (delivery mode {}, authentication {})", clientId,
				metadata.deliveryMode(), metadata.authenticationMethods().get(0));
		Map<String, Object> response = new LinkedHashMap<>(RegisteredClientMetadata.of(client, this.issuer));
		if (secret != null) {
			response.put("client_secret", secret);
			// RFC 7591 §3.2.1: 0 means the secret does not expire.
			response.put("client_secret_expires_at", 0);
		}
		response.put("registration_access_token", registrationToken);
		return response;
	}

	/**
	 * The metadata of a registered client, for the holder of its registration access
	 * token.
	 * @throws ClientRegistrationException 401 {@code invalid_token} when the token is
	 * missing or is not the client's, and when there is no such client (RFC 7592 §2.1
	 * answers both alike)
	 */
	Map<String, Object> read(String clientId, String bearerToken) {
		if (bearerToken == null) {
			throw ClientRegistrationException.invalidToken("A registration access token is required", true);
		}
		RegisteredClient client = (clientId.length() <= MAX_CLIENT_ID_LENGTH) ? this.clients.findByClientId(clientId)
				: null;
		Object expected = (client != null) ? client.getClientSettings().getSetting(REGISTRATION_TOKEN_HASH) : null;
		byte[] presented = hash(bearerToken).getBytes(StandardCharsets.US_ASCII);
		if (!(expected instanceof String stored)
				|| !MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), presented)) {
			throw ClientRegistrationException.invalidToken("The registration access token is not valid", false);
		}
		return RegisteredClientMetadata.of(client, this.issuer);
	}

	/**
	 * Reads and checks client metadata that an operator entered: the registration's rules
	 * ({@link ClientRegistrationRequestParser}) and every client's rules
	 * ({@link ClientMetadataValidator}), exactly as for a registration.
	 * @param metadata the registration metadata as a JSON object
	 * @param allowedHints the hint types the client may send (our own metadata, which
	 * registrations do not carry); all when empty
	 * @throws ClientRegistrationException {@code invalid_client_metadata} whose
	 * description starts with the member at fault
	 */
	public ClientRegistrationRequest check(JsonNode metadata, List<String> allowedHints) {
		ClientRegistrationRequest parsed = this.parser.parse(metadata);
		ClientMetadata base = parsed.metadata();
		ClientMetadata withHints = new ClientMetadata(base.authenticationMethods(), base.clientAssertionSigningAlg(),
				base.jwks(), base.jwksUri(), base.deliveryMode(), base.notificationEndpoint(), base.requestSigningAlg(),
				base.userCodeParameter(), allowedHints, base.numberMatchingRequired(),
				base.authorizationDetailsTypes());
		validate(withHints);
		return new ClientRegistrationRequest(parsed.clientName(), parsed.grantTypes(), parsed.scopes(), withHints);
	}

	/**
	 * Creates a client that an operator entered (after {@link #check}); the server makes
	 * up its {@code client_id} and, for the secret methods, its secret, which the caller
	 * shows once.
	 */
	public IssuedClient create(ClientRegistrationRequest request, TokenLifetimes lifetimes) {
		validate(request.metadata());
		String clientId = random(CLIENT_ID_BYTES);
		String secret = ClientMetadataValidator.usesSecret(request.metadata()) ? random(SECRET_BYTES) : null;
		RegisteredClient client = toRegisteredClient(UUID.randomUUID().toString(), clientId, this.clock.instant(),
				(secret != null) ? SHA256_PREFIX + hash(secret) : null, request, lifetimes.toTokenSettings())
			.clientSettings(clientSettings(request.metadata(), null))
			.build();
		this.clients.save(client);
		logger.info("An operator created client {} (delivery mode {})", clientId, request.metadata().deliveryMode());
		return new IssuedClient(clientId, secret);
	}

	/**
	 * Replaces the metadata of a client (after {@link #check}), keeping its ids, its
	 * secret and its registration access token. A client that starts to use a secret gets
	 * a new one; a client that stops drops it.
	 * @return the client, with the new secret if one was made
	 */
	public Optional<IssuedClient> update(String clientId, ClientRegistrationRequest request, TokenLifetimes lifetimes) {
		validate(request.metadata());
		RegisteredClient existing = this.clients.findByClientId(clientId);
		if (existing == null) {
			return Optional.empty();
		}
		boolean usesSecret = ClientMetadataValidator.usesSecret(request.metadata());
		String newSecret = (usesSecret && existing.getClientSecret() == null) ? random(SECRET_BYTES) : null;
		String secretHash = !usesSecret ? null
				: (newSecret != null) ? SHA256_PREFIX + hash(newSecret) : existing.getClientSecret();
		Object registrationToken = existing.getClientSettings().getSetting(REGISTRATION_TOKEN_HASH);
		RegisteredClient client = toRegisteredClient(existing.getId(), clientId, existing.getClientIdIssuedAt(),
				secretHash, request, lifetimes.toTokenSettings())
			.clientSettings(
					clientSettings(request.metadata(), (registrationToken instanceof String stored) ? stored : null))
			.build();
		this.clients.save(client);
		logger.info("An operator changed client {} (delivery mode {})", clientId, request.metadata().deliveryMode());
		return Optional.of(new IssuedClient(clientId, newSecret));
	}

	/**
	 * Gives a client that authenticates with a secret a new one; the old one stops
	 * working at once.
	 * @return the new secret, to show once; empty if there is no such client or it uses
	 * no secret
	 */
	public Optional<String> rotateSecret(String clientId) {
		RegisteredClient existing = this.clients.findByClientId(clientId);
		if (existing == null || existing.getClientSecret() == null) {
			return Optional.empty();
		}
		String secret = random(SECRET_BYTES);
		this.clients.save(RegisteredClient.from(existing).clientSecret(SHA256_PREFIX + hash(secret)).build());
		logger.info("An operator rotated the secret of client {}", clientId);
		return Optional.of(secret);
	}

	/**
	 * A client an operator created or changed.
	 *
	 * @param clientId its {@code client_id}
	 * @param clientSecret its new secret in clear, to show once, or {@code null}
	 */
	public record IssuedClient(String clientId, String clientSecret) {
	}

	private void validate(ClientMetadata metadata) {
		try {
			this.validator.validate(metadata);
		}
		catch (InvalidClientMetadataException ex) {
			throw ClientRegistrationException.invalidMetadata(ex.getMessage());
		}
	}

	private static RegisteredClient.Builder toRegisteredClient(String id, String clientId, Instant issuedAt,
			String secretHash, ClientRegistrationRequest request, TokenSettings tokenSettings) {
		ClientMetadata metadata = request.metadata();
		return RegisteredClient.withId(id)
			.clientId(clientId)
			.clientIdIssuedAt(issuedAt)
			.clientSecret(secretHash)
			.clientName((request.clientName() != null) ? request.clientName() : clientId)
			.clientAuthenticationMethods((methods) -> metadata.authenticationMethods()
				.forEach((method) -> methods.add(new ClientAuthenticationMethod(method))))
			.authorizationGrantTypes(
					(grants) -> request.grantTypes().forEach((grant) -> grants.add(new AuthorizationGrantType(grant))))
			.scopes((scopes) -> scopes.addAll(request.scopes()))
			.tokenSettings(tokenSettings);
	}

	private static ClientSettings clientSettings(ClientMetadata metadata, String registrationTokenHash) {
		ClientSettings.Builder settings = ClientSettings.builder()
			.requireProofKey(false)
			.requireAuthorizationConsent(false)
			.settings((values) -> values.putAll(ClientMetadataValidator.settings(metadata)));
		if (registrationTokenHash != null) {
			settings.setting(REGISTRATION_TOKEN_HASH, registrationTokenHash);
		}
		return settings.build();
	}

	private static String hash(String value) {
		return new Sha256PasswordEncoder().encode(value);
	}

	private static String random(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

}
