package dev.ciba.server.client;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The CIBA client metadata (CIBA Core 1.0 §4), kept in a registered client's settings
 * under their metadata names.
 */
public final class CibaClientSettings {

	/**
	 * {@code backchannel_token_delivery_mode}: {@code poll}, {@code ping} or
	 * {@code push}.
	 */
	public static final String DELIVERY_MODE = "backchannel_token_delivery_mode";

	/** Poll mode: the client polls the token endpoint. */
	public static final String POLL = "poll";

	/** Ping mode: the server notifies the client, which then calls the token endpoint. */
	public static final String PING = "ping";

	/** Push mode: the server delivers the tokens to the client. */
	public static final String PUSH = "push";

	/** Every delivery mode of CIBA Core. */
	public static final Set<String> DELIVERY_MODES = Set.of(POLL, PING, PUSH);

	/**
	 * {@code backchannel_client_notification_endpoint}: where a ping or push client is
	 * notified; an https URL.
	 */
	public static final String NOTIFICATION_ENDPOINT = "backchannel_client_notification_endpoint";

	/**
	 * {@code jwks}: the client's public keys for signed authentication requests and
	 * {@code private_key_jwt}, a JWK Set as a JSON string.
	 */
	public static final String JWKS = "jwks";

	/**
	 * {@code jwks_uri}: where the client publishes its public keys (for signed requests
	 * and {@code private_key_jwt}), an https URL; the alternative to {@link #JWKS}. Kept
	 * under our own name rather than Spring's {@code jwk-set-url}, so that only our
	 * guarded fetch ever reads it.
	 */
	public static final String JWKS_URI = "jwks_uri";

	/**
	 * {@code token_endpoint_auth_signing_alg}: the only algorithm the client's
	 * {@code private_key_jwt} assertions may use, if registered (RFC 7591 §2).
	 */
	public static final String CLIENT_ASSERTION_SIGNING_ALG = "token_endpoint_auth_signing_alg";

	/**
	 * {@code backchannel_user_code_parameter}: whether the client sends a
	 * {@code user_code} (CIBA Core §4), a boolean; {@code false} when absent.
	 */
	public static final String USER_CODE_PARAMETER = "backchannel_user_code_parameter";

	/**
	 * {@code backchannel_authentication_request_signing_alg}: the only algorithm the
	 * client's request objects may use, if registered.
	 */
	public static final String REQUEST_SIGNING_ALG = "backchannel_authentication_request_signing_alg";

	/** The signing algorithms accepted for request objects, in the order advertised. */
	public static final List<String> REQUEST_SIGNING_ALGORITHMS = List.of("RS256", "PS256", "ES256");

	/**
	 * {@code allowed_hints}: the hint types the client may send, space-separated (our own
	 * metadata; every hint type when absent).
	 */
	public static final String ALLOWED_HINTS = "allowed_hints";

	/** The hint types of CIBA Core §7.1, by parameter name. */
	public static final List<String> HINTS = List.of("login_hint", "id_token_hint", "login_hint_token");

	/**
	 * {@code number_matching_required}: whether every request of the client needs number
	 * matching (our own metadata), a boolean; {@code false} when absent.
	 */
	public static final String NUMBER_MATCHING_REQUIRED = "number_matching_required";

	/**
	 * {@code authorization_details_types}: the authorization details types the client may
	 * send (RFC 9396 §10), kept as a JSON array of strings; any type when absent.
	 */
	public static final String AUTHORIZATION_DETAILS_TYPES = "authorization_details_types";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private CibaClientSettings() {
	}

	/**
	 * Whether the client registered {@code number_matching_required} as {@code true}.
	 */
	public static boolean numberMatchingRequired(RegisteredClient client) {
		return Boolean.TRUE.equals(client.getClientSettings().getSetting(NUMBER_MATCHING_REQUIRED));
	}

	/**
	 * The authorization details types the client registered; empty when it registered
	 * none, and may then send any type.
	 */
	public static List<String> authorizationDetailsTypes(RegisteredClient client) {
		String types = stringSetting(client, AUTHORIZATION_DETAILS_TYPES);
		if (types == null) {
			return List.of();
		}
		try {
			return List.copyOf(JSON.readValue(types, STRINGS));
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The stored authorization_details_types of a client cannot be read", ex);
		}
	}

	/**
	 * The settings value of registered authorization details types: a JSON array.
	 */
	static String authorizationDetailsTypesSetting(List<String> types) {
		return JSON.writeValueAsString(types);
	}

	/**
	 * The client's registered JWK Set as JSON, or {@code null}.
	 */
	public static String jwks(RegisteredClient client) {
		return stringSetting(client, JWKS);
	}

	/**
	 * The URL of the client's registered JWK Set, or {@code null}.
	 */
	public static String jwksUri(RegisteredClient client) {
		return stringSetting(client, JWKS_URI);
	}

	/**
	 * The client's registered client assertion signing algorithm, or {@code null}.
	 */
	public static String clientAssertionSigningAlgorithm(RegisteredClient client) {
		return stringSetting(client, CLIENT_ASSERTION_SIGNING_ALG);
	}

	/**
	 * Whether the client registered {@code backchannel_user_code_parameter} as
	 * {@code true}.
	 */
	public static boolean userCodeParameter(RegisteredClient client) {
		return Boolean.TRUE.equals(client.getClientSettings().getSetting(USER_CODE_PARAMETER));
	}

	/**
	 * The client's registered request object signing algorithm, or {@code null}.
	 */
	public static String requestSigningAlgorithm(RegisteredClient client) {
		return stringSetting(client, REQUEST_SIGNING_ALG);
	}

	/**
	 * The hint types the client may send, by parameter name.
	 */
	public static Set<String> allowedHints(RegisteredClient client) {
		String hints = stringSetting(client, ALLOWED_HINTS);
		if (hints == null) {
			return Set.copyOf(HINTS);
		}
		return Arrays.stream(hints.split(" "))
			.filter((hint) -> !hint.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
	}

	private static String stringSetting(RegisteredClient client, String name) {
		Object value = client.getClientSettings().getSetting(name);
		return (value instanceof String text && !text.isEmpty()) ? text : null;
	}

	/**
	 * The client's token delivery mode; {@code poll} when none was registered.
	 */
	public static String deliveryMode(RegisteredClient client) {
		Object mode = client.getClientSettings().getSetting(DELIVERY_MODE);
		return (mode instanceof String value) ? value : POLL;
	}

	/**
	 * The client's notification endpoint, or {@code null} when it has none.
	 */
	public static String notificationEndpoint(RegisteredClient client) {
		return stringSetting(client, NOTIFICATION_ENDPOINT);
	}

}
