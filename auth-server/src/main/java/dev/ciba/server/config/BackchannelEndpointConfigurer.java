package dev.ciba.server.config;

import dev.ciba.server.ciba.BackchannelAuthenticationEndpointFilter;
import dev.ciba.server.web.ClientAuthenticationFailureHandler;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.server.authorization.web.OAuth2ClientAuthenticationFilter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretBasicAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.ClientSecretPostAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.JwtClientAssertionAuthenticationConverter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationConverter;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Puts the backchannel authentication endpoint into the authorization server's chain: a
 * client authentication filter of its own (the built-in one has a fixed set of paths),
 * with the same providers as the token endpoint, and the endpoint filter after
 * authorization, where the built-in endpoints sit too.
 */
class BackchannelEndpointConfigurer extends AbstractHttpConfigurer<BackchannelEndpointConfigurer, HttpSecurity> {

	private final RequestMatcher endpoint;

	private final BackchannelAuthenticationEndpointFilter endpointFilter;

	BackchannelEndpointConfigurer(RequestMatcher endpoint, BackchannelAuthenticationEndpointFilter endpointFilter) {
		this.endpoint = endpoint;
		this.endpointFilter = endpointFilter;
	}

	@Override
	public void configure(HttpSecurity http) {
		AuthenticationManager authenticationManager = http.getSharedObject(AuthenticationManager.class);
		OAuth2ClientAuthenticationFilter clientAuthentication = new OAuth2ClientAuthenticationFilter(
				authenticationManager, this.endpoint);
		// Public clients cannot use CIBA (CIBA Core §4), so the public-client converter
		// is left out.
		clientAuthentication.setAuthenticationConverter(
				new DelegatingAuthenticationConverter(new JwtClientAssertionAuthenticationConverter(),
						new ClientSecretBasicAuthenticationConverter(), new ClientSecretPostAuthenticationConverter()));
		clientAuthentication.setAuthenticationFailureHandler(new ClientAuthenticationFailureHandler());
		http.addFilterAfter(postProcess(clientAuthentication), AbstractPreAuthenticatedProcessingFilter.class);
		http.addFilterAfter(postProcess(this.endpointFilter), AuthorizationFilter.class);
	}

}
