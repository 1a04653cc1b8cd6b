package dev.ciba.server.config;

import java.util.List;
import java.util.Set;

import dev.ciba.server.ciba.BackchannelAuthenticationEndpointFilter;
import dev.ciba.server.ciba.CibaGrant;
import dev.ciba.server.client.CibaClientSettings;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.oidc.OidcProviderConfiguration;

/**
 * What {@code /.well-known/openid-configuration} says beyond Spring Authorization
 * Server's defaults: the CIBA metadata of CIBA Core 1.0 §4, and only the client
 * authentication methods the server really accepts.
 */
final class DiscoveryMetadata {

	/**
	 * Client authentication methods offered; secrets are stored hashed, so
	 * {@code client_secret_jwt} cannot be.
	 */
	static final Set<String> CLIENT_AUTHENTICATION_METHODS = Set.of(
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue(),
			ClientAuthenticationMethod.PRIVATE_KEY_JWT.getValue());

	private DiscoveryMetadata() {
	}

	static void customize(OidcProviderConfiguration.Builder metadata) {
		String issuer = AuthorizationServerContextHolder.getContext().getIssuer();
		metadata.grantType(CibaGrant.TYPE.getValue());
		metadata.tokenEndpointAuthenticationMethods(DiscoveryMetadata::onlySupported);
		metadata.tokenIntrospectionEndpointAuthenticationMethods(DiscoveryMetadata::onlySupported);
		metadata.tokenRevocationEndpointAuthenticationMethods(DiscoveryMetadata::onlySupported);
		metadata.claim("backchannel_authentication_endpoint",
				issuer + BackchannelAuthenticationEndpointFilter.ENDPOINT);
		metadata.claim("backchannel_token_delivery_modes_supported",
				List.of(CibaClientSettings.POLL, CibaClientSettings.PING, CibaClientSettings.PUSH));
		// User codes are not implemented yet (CIBA Core §4: this must then be false).
		metadata.claim("backchannel_user_code_parameter_supported", false);
		metadata.claim("backchannel_authentication_request_signing_alg_values_supported",
				CibaClientSettings.REQUEST_SIGNING_ALGORITHMS);
	}

	private static void onlySupported(List<String> methods) {
		methods.removeIf((method) -> !CLIENT_AUTHENTICATION_METHODS.contains(method));
	}

}
