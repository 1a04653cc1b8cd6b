package dev.ciba.server.config;

import java.time.Clock;
import java.util.List;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.server.ciba.BackchannelAuthenticationEndpointFilter;
import dev.ciba.server.ciba.BackchannelAuthenticationService;
import dev.ciba.server.ciba.CibaAudit;
import dev.ciba.server.ciba.CibaGrantAuthenticationConverter;
import dev.ciba.server.ciba.CibaGrantAuthenticationProvider;
import dev.ciba.server.ciba.CibaRequestRepository;
import dev.ciba.server.ciba.CibaTokenIssuer;
import dev.ciba.server.client.authentication.ClientAssertionDecoderFactory;
import dev.ciba.server.customer.CustomerAccounts;
import dev.ciba.server.customer.CustomerRepository;
import dev.ciba.server.registration.ClientRegistrationEndpointFilter;
import dev.ciba.server.registration.ClientRegistrationService;
import dev.ciba.server.web.JsonAuthenticationEntryPoint;
import dev.ciba.server.web.BodySizeLimitFilter;
import dev.ciba.server.web.ClientAssertionClientIdFilter;
import dev.ciba.server.web.ClientAuthenticationFailureHandler;
import dev.ciba.server.web.PostOnlyEndpointsFilter;
import dev.ciba.server.web.LoginAttempts;
import dev.ciba.server.web.RequestGuardFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The four security filter chains, in order: the authorization server with the
 * backchannel endpoint; the device API; the customer portal; and a last chain that
 * answers everything else as JSON. Declaring any chain removes Spring Boot's own, so each
 * of these is explicit.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

	/**
	 * Device API bodies are small JSON documents; a registration with an 8192-bit key
	 * stays under 8 KiB.
	 */
	private static final long DEVICE_API_MAX_BODY_BYTES = 64 * 1024;

	private static final List<String> POST_ONLY = List.of(BackchannelAuthenticationEndpointFilter.ENDPOINT,
			"/oauth2/token", "/oauth2/introspect", "/oauth2/revoke");

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, BackchannelAuthenticationService backchannel,
			CibaRequestRepository requests, CustomerRepository customers, CibaTokenIssuer tokens, CibaAudit audit,
			Clock clock, ClientAssertionDecoderFactory clientAssertions, ClientRegistrationService registrations)
			throws Exception {
		PostOnlyEndpointsFilter postOnly = new PostOnlyEndpointsFilter(POST_ONLY);
		RequestMatcher backchannelEndpoint = PATHS.matcher(HttpMethod.POST,
				BackchannelAuthenticationEndpointFilter.ENDPOINT);
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(new OrRequestMatcher(server.getEndpointsMatcher(), postOnly.endpoints(),
					ClientRegistrationEndpointFilter.endpoints()));
			server.oidc((oidc) -> oidc.providerConfigurationEndpoint((discovery) -> discovery
				.providerConfigurationCustomizer((builder) -> builder.claims(DiscoveryMetadata::customize))));
			server.authorizationServerMetadataEndpoint((metadata) -> metadata
				.authorizationServerMetadataCustomizer((builder) -> builder.claims(DiscoveryMetadata::customize)));
			// private_key_jwt: our decoder replaces Spring's default in the
			// shared provider, which the backchannel endpoint uses too.
			server.clientAuthentication(
					(clients) -> clients.errorResponseHandler(new ClientAuthenticationFailureHandler())
						.authenticationProviders(clientAssertions::useIn));
			server.tokenEndpoint((token) -> token.accessTokenRequestConverter(new CibaGrantAuthenticationConverter())
				.authenticationProviders((providers) -> {
					// The configurer built its token generator by now; push delivery
					// shares it.
					tokens.useTokenGenerator(sharedTokenGenerator(http));
					providers.add(0, new CibaGrantAuthenticationProvider(requests, customers, tokens, audit, clock));
				}));
		});
		http.with(new BackchannelEndpointConfigurer(backchannelEndpoint,
				new BackchannelAuthenticationEndpointFilter(backchannel, audit)), Customizer.withDefaults());
		// The registration endpoint checks its own bearer tokens (initial and
		// registration access tokens); it sits after authorization, as the
		// built-in endpoints do.
		http.addFilterAfter(new ClientRegistrationEndpointFilter(registrations), AuthorizationFilter.class);
		http.addFilterBefore(postOnly, AbstractPreAuthenticatedProcessingFilter.class);
		http.addFilterAfter(new RequestGuardFilter(postOnly.endpoints()), PostOnlyEndpointsFilter.class);
		http.addFilterAfter(new ClientAssertionClientIdFilter(postOnly.endpoints()), RequestGuardFilter.class);
		// Bearer access tokens are credentials only for the user info endpoint; elsewhere
		// in this chain a client
		// authenticates itself, and a bearer header must not stand in for that.
		DefaultBearerTokenResolver bearerTokens = new DefaultBearerTokenResolver();
		RequestMatcher userInfo = PATHS.matcher("/userinfo");
		http.oauth2ResourceServer((resourceServer) -> resourceServer
			.bearerTokenResolver((request) -> userInfo.matches(request) ? bearerTokens.resolve(request) : null));
		http.authorizeHttpRequests(
				(authorize) -> authorize.requestMatchers(ClientRegistrationEndpointFilter.endpoints())
					.permitAll()
					.anyRequest()
					.authenticated());
		http.csrf((csrf) -> csrf.ignoringRequestMatchers(postOnly.endpoints(),
				ClientRegistrationEndpointFilter.endpoints()));
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.exceptionHandling((exceptions) -> exceptions
			.defaultAuthenticationEntryPointFor(JsonAuthenticationEntryPoint.bearer(), PATHS.matcher("/userinfo"))
			.defaultAuthenticationEntryPointFor(JsonAuthenticationEntryPoint.client(), PATHS.matcher("/**")));
		return http.build();
	}

	@SuppressWarnings("unchecked")
	private static OAuth2TokenGenerator<? extends OAuth2Token> sharedTokenGenerator(HttpSecurity http) {
		return http.getSharedObject(OAuth2TokenGenerator.class);
	}

	@Bean
	@Order(2)
	SecurityFilterChain deviceApiChain(HttpSecurity http, PushChannelSettings settings) throws Exception {
		String tenant = settings.tenantPath();
		http.securityMatcher(new OrRequestMatcher(PATHS.matcher(tenant + "/push-auth/**"),
				PATHS.matcher(tenant + "/api/users/v1/me/push/devices"),
				PATHS.matcher(tenant + "/api/users/v1/me/push/devices/**"),
				PATHS.matcher(tenant + "/api/users/v1/me/push-auth/devices"),
				PATHS.matcher(tenant + "/api/users/v1/me/push-auth/devices/**")));
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll());
		http.csrf((csrf) -> csrf.disable());
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache((cache) -> cache.disable());
		http.securityContext((context) -> context.disable());
		http.anonymous(Customizer.withDefaults());
		http.addFilterBefore(new BodySizeLimitFilter(DEVICE_API_MAX_BODY_BYTES), AnonymousAuthenticationFilter.class);
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain portalChain(HttpSecurity http, PushChannelSettings settings, LoginAttempts attempts)
			throws Exception {
		RequestMatcher discoveryData = PATHS.matcher(HttpMethod.GET,
				settings.tenantPath() + "/api/users/v1/me/push/discovery-data");
		http.securityMatcher(
				new OrRequestMatcher(PATHS.matcher("/portal"), PATHS.matcher("/portal/**"), discoveryData));
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers(PATHS.matcher("/portal/login"), PATHS.matcher("/portal/assets/**"))
			.permitAll()
			.anyRequest()
			.hasRole(CustomerAccounts.CUSTOMER_ROLE));
		http.formLogin((form) -> form.loginPage("/portal/login")
			.loginProcessingUrl("/portal/login")
			.defaultSuccessUrl("/portal/devices", true)
			.failureHandler(attempts.failureHandler("portal", "/portal/login?error"))
			.permitAll());
		http.addFilterBefore(attempts.guard("portal", "/portal/login", "/portal/login?error"),
				UsernamePasswordAuthenticationFilter.class);
		http.logout((logout) -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?logout"));
		http.exceptionHandling((exceptions) -> exceptions
			.defaultAuthenticationEntryPointFor(JsonAuthenticationEntryPoint.session(), discoveryData));
		http.addFilterBefore(RequestGuardFilter.forPages(), UsernamePasswordAuthenticationFilter.class);
		http.headers((headers) -> headers
			.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
					+ "style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")));
		return http.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain fallbackChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll());
		http.csrf((csrf) -> csrf.disable());
		http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		http.requestCache((cache) -> cache.disable());
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.NOT_FOUND)));
		return http.build();
	}

}
