package dev.ciba.server.registration;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import dev.ciba.server.client.CibaClientSettings;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A registered client's metadata as the registration endpoint shows it (RFC 7591 §3.2.1,
 * RFC 7592 §3): built member by member from what the client registered, so that nothing
 * else in its settings (the registration access token's hash, say) and never its secret
 * or the secret's hash can appear.
 */
final class RegisteredClientMetadata {

	private RegisteredClientMetadata() {
	}

	/**
	 * The client's metadata, with {@code registration_client_uri}.
	 * @param issuer the server's issuer identifier, the base of the endpoint's URL
	 */
	static Map<String, Object> of(RegisteredClient client, String issuer) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("client_id", client.getClientId());
		if (client.getClientIdIssuedAt() != null) {
			metadata.put("client_id_issued_at", client.getClientIdIssuedAt().getEpochSecond());
		}
		metadata.put("client_name", client.getClientName());
		metadata.put("grant_types",
				client.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).sorted().toList());
		metadata.put("response_types", List.of());
		metadata.put("scope", String.join(" ", client.getScopes().stream().sorted().toList()));
		authentication(client, metadata);
		putIfPresent(metadata, CibaClientSettings.DELIVERY_MODE, CibaClientSettings.deliveryMode(client));
		putIfPresent(metadata, CibaClientSettings.NOTIFICATION_ENDPOINT,
				CibaClientSettings.notificationEndpoint(client));
		putIfPresent(metadata, CibaClientSettings.REQUEST_SIGNING_ALG,
				CibaClientSettings.requestSigningAlgorithm(client));
		metadata.put(CibaClientSettings.USER_CODE_PARAMETER, CibaClientSettings.userCodeParameter(client));
		metadata.put(CibaClientSettings.NUMBER_MATCHING_REQUIRED, CibaClientSettings.numberMatchingRequired(client));
		List<String> types = CibaClientSettings.authorizationDetailsTypes(client);
		if (!types.isEmpty()) {
			metadata.put(CibaClientSettings.AUTHORIZATION_DETAILS_TYPES, types);
		}
		metadata.put("id_token_signed_response_alg",
				client.getTokenSettings().getIdTokenSignatureAlgorithm().getName());
		metadata.put("registration_client_uri", issuer + ClientRegistrationEndpointFilter.ENDPOINT + "?client_id="
				+ URLEncoder.encode(client.getClientId(), StandardCharsets.UTF_8));
		return metadata;
	}

	private static void authentication(RegisteredClient client, Map<String, Object> metadata) {
		// A registered client has one method; a seeded one may have several,
		// of which the first by name is shown.
		client.getClientAuthenticationMethods()
			.stream()
			.map(ClientAuthenticationMethod::getValue)
			.sorted()
			.findFirst()
			.ifPresent((method) -> metadata.put("token_endpoint_auth_method", method));
		putIfPresent(metadata, CibaClientSettings.CLIENT_ASSERTION_SIGNING_ALG,
				CibaClientSettings.clientAssertionSigningAlgorithm(client));
		String jwks = CibaClientSettings.jwks(client);
		if (jwks != null) {
			metadata.put(CibaClientSettings.JWKS, jwksObject(jwks));
		}
		putIfPresent(metadata, CibaClientSettings.JWKS_URI, CibaClientSettings.jwksUri(client));
	}

	private static Map<String, Object> jwksObject(String jwks) {
		try {
			return JWKSet.parse(jwks).toJSONObject(true);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("The stored keys of a client cannot be read", ex);
		}
	}

	private static void putIfPresent(Map<String, Object> metadata, String name, String value) {
		if (value != null) {
			metadata.put(name, value);
		}
	}

}
