package dev.ciba.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ciba.server.ciba.AuthenticationContexts;
import dev.ciba.server.ciba.BackchannelAuthenticationEndpointFilter;
import dev.ciba.server.ciba.CibaGrant;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.client.ClientMetadataValidator;
import dev.ciba.server.registration.ClientRegistrationEndpointFilter;

import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

/**
 * What {@code /.well-known/openid-configuration} and
 * {@code /.well-known/oauth-authorization-server} say beyond Spring Authorization
 * Server's defaults: the CIBA metadata of CIBA Core 1.0 §4, and only the client
 * authentication methods the server really accepts.
 */
final class DiscoveryMetadata {

	/**
	 * Client authentication methods offered: those a client may register. Secrets are
	 * stored hashed, so {@code client_secret_jwt} cannot be.
	 */
	static final Set<String> CLIENT_AUTHENTICATION_METHODS = Set.copyOf(ClientMetadataValidator.AUTHENTICATION_METHODS);

	private static final List<String> AUTHENTICATION_METHOD_CLAIMS = List.of("token_endpoint_auth_methods_supported",
			"introspection_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported");

	private DiscoveryMetadata() {
	}

	/**
	 * Adds the CIBA metadata to a metadata document's claims and keeps only the supported
	 * client authentication methods. Works on the claims map, which both the OpenID and
	 * the OAuth metadata builders expose.
	 */
	static void customize(Map<String, Object> metadata) {
		String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
		List<String> grants = new ArrayList<>(strings(metadata.get("grant_types_supported")));
		if (!grants.contains(CibaGrant.TYPE.getValue())) {
			grants.add(CibaGrant.TYPE.getValue());
		}
		metadata.put("grant_types_supported", grants);
		for (String methods : AUTHENTICATION_METHOD_CLAIMS) {
			if (metadata.containsKey(methods)) {
				metadata.put(methods,
						strings(metadata.get(methods)).stream()
							.filter(CLIENT_AUTHENTICATION_METHODS::contains)
							.toList());
				// RFC 8414 §2: the algorithms of private_key_jwt assertions.
				metadata.put(methods.replace("_methods_supported", "_signing_alg_values_supported"),
						ClientMetadataValidator.CLIENT_ASSERTION_SIGNING_ALGORITHMS);
			}
		}
		// Sender-constrained access tokens (mutual TLS, DPoP) are not issued by the CIBA
		// grant, so they are not
		// advertised.
		metadata.remove("tls_client_certificate_bound_access_tokens");
		metadata.remove("dpop_signing_alg_values_supported");
		metadata.put("registration_endpoint", issuer + ClientRegistrationEndpointFilter.ENDPOINT);
		metadata.put("backchannel_authentication_endpoint", issuer + BackchannelAuthenticationEndpointFilter.ENDPOINT);
		metadata.put("backchannel_token_delivery_modes_supported",
				List.of(CibaClientSettings.POLL, CibaClientSettings.PING, CibaClientSettings.PUSH));
		// CIBA Core §4: clients that register backchannel_user_code_parameter must send
		// the customer's user_code, which the server verifies.
		metadata.put("backchannel_user_code_parameter_supported", true);
		// OpenID Connect Discovery §3: the one acr that every ID token names.
		metadata.put("acr_values_supported", AuthenticationContexts.SUPPORTED);
		metadata.put("backchannel_authentication_request_signing_alg_values_supported",
				CibaClientSettings.REQUEST_SIGNING_ALGORITHMS);
	}

	private static List<String> strings(Object value) {
		if (!(value instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().map(String::valueOf).toList();
	}

}
