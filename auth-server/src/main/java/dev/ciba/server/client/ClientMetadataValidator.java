package dev.ciba.server.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ciba.server.delivery.NotificationEndpointGuard;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.settings.ConfigurationSettingNames;
import org.springframework.stereotype.Component;

/**
 * The rules every client's metadata follows, for clients seeded from configuration and
 * for dynamic registrations alike: client authentication, keys, signing algorithms, token
 * delivery and hints. The caller turns a refusal into its own error: a start-up failure
 * for a seeded client, {@code invalid_client_metadata} for a registration.
 */
@Component
public class ClientMetadataValidator {

	/** The client authentication methods a client may register. */
	public static final List<String> AUTHENTICATION_METHODS = List.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue());

	/**
	 * The algorithms accepted for {@code private_key_jwt} client assertions: the
	 * asymmetric ones accepted for request objects.
	 */
	public static final List<String> CLIENT_ASSERTION_SIGNING_ALGORITHMS = CibaClientSettings.REQUEST_SIGNING_ALGORITHMS;

	/** The metadata name of the client authentication method (RFC 7591 §2). */
	public static final String AUTHENTICATION_METHOD = "token_endpoint_auth_method";

	/**
	 * What Spring's client assertion provider reads to tell {@code private_key_jwt} from
	 * {@code client_secret_jwt} when a client has no algorithm of its own.
	 */
	private static final SignatureAlgorithm DEFAULT_ASSERTION_ALGORITHM = SignatureAlgorithm.RS256;

	private final NotificationEndpointGuard guard;

	public ClientMetadataValidator(NotificationEndpointGuard guard) {
		this.guard = guard;
	}

	/**
	 * Checks the metadata.
	 * @throws InvalidClientMetadataException naming the first metadata at fault
	 */
	public void validate(ClientMetadata metadata) {
		checkAuthenticationMethods(metadata);
		DeliveryMetadata.validate(metadata, this.guard);
		SignedRequestMetadata.validate(metadata, this.guard);
		ConsentMetadata.validate(metadata);
	}

	/**
	 * The client settings that hold valid metadata: strings and booleans under the
	 * metadata names.
	 */
	public static Map<String, Object> settings(ClientMetadata metadata) {
		Map<String, Object> settings = new HashMap<>();
		DeliveryMetadata.apply(metadata, settings);
		SignedRequestMetadata.apply(metadata, settings);
		ConsentMetadata.apply(metadata, settings);
		if (usesPrivateKeyJwt(metadata)) {
			String algorithm = metadata.clientAssertionSigningAlg();
			// Spring's provider calls an assertion private_key_jwt only when this
			// setting holds an asymmetric algorithm; which algorithms verify is
			// decided by our decoder, from CLIENT_ASSERTION_SIGNING_ALG.
			settings.put(ConfigurationSettingNames.Client.TOKEN_ENDPOINT_AUTHENTICATION_SIGNING_ALGORITHM,
					(algorithm != null) ? SignatureAlgorithm.from(algorithm) : DEFAULT_ASSERTION_ALGORITHM);
			if (algorithm != null) {
				settings.put(CibaClientSettings.CLIENT_ASSERTION_SIGNING_ALG, algorithm);
			}
		}
		if (metadata.userCodeParameter()) {
			settings.put(CibaClientSettings.USER_CODE_PARAMETER, Boolean.TRUE);
		}
		return settings;
	}

	/**
	 * Whether the client authenticates with a client secret.
	 */
	public static boolean usesSecret(ClientMetadata metadata) {
		return metadata.authenticationMethods().contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue())
				|| metadata.authenticationMethods().contains(ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());
	}

	private static boolean usesPrivateKeyJwt(ClientMetadata metadata) {
		return metadata.authenticationMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue());
	}

	private static void checkAuthenticationMethods(ClientMetadata metadata) {
		if (metadata.authenticationMethods().isEmpty()) {
			throw new InvalidClientMetadataException(AUTHENTICATION_METHOD, "is required");
		}
		for (String method : metadata.authenticationMethods()) {
			checkAuthenticationMethod(method);
		}
		String algorithm = metadata.clientAssertionSigningAlg();
		if (algorithm != null && !usesPrivateKeyJwt(metadata)) {
			throw new InvalidClientMetadataException(CibaClientSettings.CLIENT_ASSERTION_SIGNING_ALG,
					"applies only to private_key_jwt");
		}
		if (algorithm != null && !CLIENT_ASSERTION_SIGNING_ALGORITHMS.contains(algorithm)) {
			throw new InvalidClientMetadataException(CibaClientSettings.CLIENT_ASSERTION_SIGNING_ALG,
					"must be one of " + CLIENT_ASSERTION_SIGNING_ALGORITHMS);
		}
		if (usesPrivateKeyJwt(metadata) && metadata.jwks() == null && metadata.jwksUri() == null) {
			throw new InvalidClientMetadataException(AUTHENTICATION_METHOD,
					"private_key_jwt needs the client's keys in jwks or jwks_uri");
		}
	}

	// CIBA Core §7.1: the client authenticates at the backchannel endpoint, so a public
	// client (none) cannot use CIBA. client_secret_jwt needs the secret in clear, and
	// secrets are stored hashed.
	private static void checkAuthenticationMethod(String method) {
		if (ClientAuthenticationMethod.NONE.getValue().equals(method)) {
			throw new InvalidClientMetadataException(AUTHENTICATION_METHOD,
					"must not be none: CIBA clients must authenticate");
		}
		if (ClientAuthenticationMethod.CLIENT_SECRET_JWT.getValue().equals(method)) {
			throw new InvalidClientMetadataException(AUTHENTICATION_METHOD,
					"must not be client_secret_jwt: client secrets are stored hashed");
		}
		if (!AUTHENTICATION_METHODS.contains(method)) {
			throw new InvalidClientMetadataException(AUTHENTICATION_METHOD,
					"must be client_secret_basic, client_secret_post or private_key_jwt");
		}
	}

}
