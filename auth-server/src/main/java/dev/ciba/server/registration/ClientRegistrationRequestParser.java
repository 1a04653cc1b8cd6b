package dev.ciba.server.registration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ciba.server.ciba.CibaGrant;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.client.ClientMetadata;
import dev.ciba.server.client.ClientMetadataValidator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Reads a registration request (RFC 7591 §2 and §3.1, CIBA Core §4) and applies the rules
 * that only registrations follow; the rules every client follows are
 * {@link ClientMetadataValidator}'s.
 * <p>
 * Strict at the edge: a JSON object without repeated members, each member of its JSON
 * type ({@code null} counts as absent). Registrations are for CIBA clients only: the CIBA
 * grant (with {@code refresh_token} at most), no response types and no redirection URIs;
 * a scope with {@code openid} and without the registration scopes. Metadata this server
 * does not use is ignored (RFC 7591 §2), except where ignoring it would leave the client
 * believing in a protection it does not get: ID tokens signed other than RS256, and
 * certificate-bound access tokens are refused.
 */
final class ClientRegistrationRequestParser {

	/** Longest {@code client_name}: the column holds 200 characters. */
	static final int MAX_CLIENT_NAME_LENGTH = 200;

	/** Longest {@code scope}: the column holds 1000 characters. */
	static final int MAX_SCOPE_LENGTH = 1000;

	/** Scopes that grant registration rights; never given to a registered client. */
	static final Set<String> RESERVED_SCOPES = Set.of(InitialAccessTokens.SCOPE, "client.read");

	private static final Set<String> GRANT_TYPES = Set.of(CibaGrant.TYPE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	/** RFC 6749 §3.3: a scope token. */
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	/** The only ID token signing algorithm (the server signs with its RSA key). */
	private static final String ID_TOKEN_ALGORITHM = "RS256";

	private final JsonMapper json = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * Parses the body of a registration request.
	 * @throws ClientRegistrationException {@code invalid_client_metadata} or
	 * {@code invalid_redirect_uri}
	 */
	ClientRegistrationRequest parse(byte[] body) {
		return parse(readObject(body));
	}

	/**
	 * Reads registration metadata that is already a JSON object: the body of a
	 * registration, or what an operator entered in the console (so that both follow
	 * exactly the same rules).
	 * @throws ClientRegistrationException {@code invalid_client_metadata} or
	 * {@code invalid_redirect_uri}
	 */
	ClientRegistrationRequest parse(JsonNode request) {
		String clientName = clientName(request);
		List<String> grantTypes = grantTypes(request);
		checkEmpty(request, "response_types", "CIBA clients use no authorization endpoint", false);
		checkEmpty(request, "redirect_uris", "CIBA clients are never redirected to", true);
		List<String> scopes = scopes(request);
		checkUnsupportedProtections(request);
		ClientMetadata metadata = ClientMetadata.builder()
			.authenticationMethods(List.of(authenticationMethod(request)))
			.clientAssertionSigningAlg(string(request, CibaClientSettings.CLIENT_ASSERTION_SIGNING_ALG))
			.jwks(jwks(request))
			.jwksUri(string(request, CibaClientSettings.JWKS_URI))
			.deliveryMode(string(request, CibaClientSettings.DELIVERY_MODE))
			.notificationEndpoint(string(request, CibaClientSettings.NOTIFICATION_ENDPOINT))
			.requestSigningAlg(string(request, CibaClientSettings.REQUEST_SIGNING_ALG))
			.userCodeParameter(bool(request, CibaClientSettings.USER_CODE_PARAMETER))
			.numberMatchingRequired(bool(request, CibaClientSettings.NUMBER_MATCHING_REQUIRED))
			.authorizationDetailsTypes(authorizationDetailsTypes(request))
			.build();
		return new ClientRegistrationRequest(clientName, grantTypes, scopes, metadata);
	}

	private JsonNode readObject(byte[] body) {
		JsonNode request;
		try {
			request = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw ClientRegistrationException.invalidMetadata("The request body is not valid JSON");
		}
		if (request == null || !request.isObject()) {
			throw ClientRegistrationException.invalidMetadata("The request body must be a JSON object");
		}
		return request;
	}

	private static String clientName(JsonNode request) {
		String name = string(request, "client_name");
		if (name == null) {
			return null;
		}
		if (name.isBlank() || name.length() > MAX_CLIENT_NAME_LENGTH) {
			throw ClientRegistrationException
				.invalidMetadata("client_name must have 1 to " + MAX_CLIENT_NAME_LENGTH + " characters");
		}
		// The name is shown on the customer's phone: no control or invisible formatting
		// characters that could disguise it.
		if (name.codePoints().anyMatch((c) -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
			throw ClientRegistrationException
				.invalidMetadata("client_name must not contain control or formatting characters");
		}
		return name;
	}

	// RFC 7591 §2 defaults grant_types to authorization_code, which this server does not
	// offer: a registration names the CIBA grant.
	private static List<String> grantTypes(JsonNode request) {
		List<String> grantTypes = strings(request, "grant_types");
		if (grantTypes == null || !grantTypes.contains(CibaGrant.TYPE.getValue())) {
			throw ClientRegistrationException.invalidMetadata("grant_types must include " + CibaGrant.TYPE.getValue());
		}
		if (!GRANT_TYPES.containsAll(grantTypes)) {
			throw ClientRegistrationException
				.invalidMetadata("grant_types may hold only " + CibaGrant.TYPE.getValue() + " and refresh_token");
		}
		return List.copyOf(new LinkedHashSet<>(grantTypes));
	}

	private static void checkEmpty(JsonNode request, String name, String reason, boolean redirect) {
		List<String> values = strings(request, name);
		if (values != null && !values.isEmpty()) {
			String description = name + " must be empty: " + reason;
			throw redirect ? ClientRegistrationException.invalidRedirectUri(description)
					: ClientRegistrationException.invalidMetadata(description);
		}
	}

	private static List<String> scopes(JsonNode request) {
		String scope = string(request, "scope");
		if (scope == null) {
			return List.of("openid");
		}
		if (scope.length() > MAX_SCOPE_LENGTH) {
			throw ClientRegistrationException
				.invalidMetadata("scope must have at most " + MAX_SCOPE_LENGTH + " characters");
		}
		List<String> scopes = List.of(scope.split(" ", -1));
		if (!scopes.stream().allMatch((token) -> SCOPE_TOKEN.matcher(token).matches())) {
			throw ClientRegistrationException.invalidMetadata("scope must be scope tokens separated by single spaces");
		}
		// CIBA Core §7.1: every authentication request carries openid.
		if (!scopes.contains("openid")) {
			throw ClientRegistrationException.invalidMetadata("scope must include openid");
		}
		if (scopes.stream().anyMatch(RESERVED_SCOPES::contains)) {
			throw ClientRegistrationException.invalidMetadata("scope must not include the registration scopes");
		}
		return List.copyOf(new LinkedHashSet<>(scopes));
	}

	private static void checkUnsupportedProtections(JsonNode request) {
		String idTokenAlgorithm = string(request, "id_token_signed_response_alg");
		if (idTokenAlgorithm != null && !ID_TOKEN_ALGORITHM.equals(idTokenAlgorithm)) {
			throw ClientRegistrationException
				.invalidMetadata("id_token_signed_response_alg must be " + ID_TOKEN_ALGORITHM);
		}
		if (bool(request, "tls_client_certificate_bound_access_tokens")) {
			throw ClientRegistrationException
				.invalidMetadata("tls_client_certificate_bound_access_tokens is not supported");
		}
	}

	// RFC 7591 §2: client_secret_basic when absent.
	private static String authenticationMethod(JsonNode request) {
		String method = string(request, ClientMetadataValidator.AUTHENTICATION_METHOD);
		return (method != null) ? method : ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue();
	}

	private static List<String> authorizationDetailsTypes(JsonNode request) {
		List<String> types = strings(request, CibaClientSettings.AUTHORIZATION_DETAILS_TYPES);
		return (types != null) ? types : List.of();
	}

	private static String jwks(JsonNode request) {
		JsonNode jwks = member(request, CibaClientSettings.JWKS);
		if (jwks == null) {
			return null;
		}
		if (!jwks.isObject()) {
			throw ClientRegistrationException.invalidMetadata("jwks must be a JSON object");
		}
		return jwks.toString();
	}

	private static String string(JsonNode request, String name) {
		JsonNode value = member(request, name);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw ClientRegistrationException.invalidMetadata(name + " must be a string");
		}
		return value.stringValue();
	}

	private static boolean bool(JsonNode request, String name) {
		JsonNode value = member(request, name);
		if (value == null) {
			return false;
		}
		if (!value.isBoolean()) {
			throw ClientRegistrationException.invalidMetadata(name + " must be true or false");
		}
		return value.booleanValue();
	}

	private static List<String> strings(JsonNode request, String name) {
		JsonNode value = member(request, name);
		if (value == null) {
			return null;
		}
		if (!value.isArray()) {
			throw ClientRegistrationException.invalidMetadata(name + " must be an array of strings");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode element : value) {
			if (!element.isString()) {
				throw ClientRegistrationException.invalidMetadata(name + " must be an array of strings");
			}
			values.add(element.stringValue());
		}
		return values;
	}

	private static JsonNode member(JsonNode request, String name) {
		JsonNode value = request.get(name);
		return (value == null || value.isNull()) ? null : value;
	}

}
