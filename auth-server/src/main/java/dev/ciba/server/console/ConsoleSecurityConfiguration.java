package dev.ciba.server.console;

import dev.ciba.server.web.LoginAttempts;
import dev.ciba.server.web.RequestGuardFilter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The console's filter chain: form login of operators at {@code /console/login}, CSRF
 * tokens on every form, and the operator role on every page. Ordered before the catch-all
 * chain; its paths overlap no other chain's.
 * <p>
 * The session is the one the portal uses (one cookie per browser), so a customer logged
 * in to the portal reaches the console authenticated, as a customer: that gets 403, never
 * a page. Logging in to one replaces the login of the other in that browser.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

	private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

	@Bean
	@Order(3)
	SecurityFilterChain consoleChain(HttpSecurity http, OperatorAccounts operators, LoginAttempts attempts)
			throws Exception {
		http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/console"), PATHS.matcher("/console/**")));
		http.authenticationManager(operators.authenticationManager());
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers(PATHS.matcher("/console/login"), PATHS.matcher("/console/assets/**"))
			.permitAll()
			.anyRequest()
			.hasRole(OperatorAccounts.OPERATOR_ROLE));
		http.formLogin((form) -> form.loginPage("/console/login")
			.loginProcessingUrl("/console/login")
			.defaultSuccessUrl("/console/clients", true)
			.failureHandler(attempts.failureHandler("console", "/console/login?error"))
			.permitAll());
		http.addFilterBefore(attempts.guard("console", "/console/login", "/console/login?error"),
				UsernamePasswordAuthenticationFilter.class);
		http.logout((logout) -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"));
		// The allowed hints are the only list of checkboxes of ClientForm (each with its
		// hidden "_" marker field); every other field comes once.
		http.addFilterBefore(RequestGuardFilter.forPages("allowedHints", "_allowedHints"),
				UsernamePasswordAuthenticationFilter.class);
		http.headers((headers) -> headers
			.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
					+ "style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")));
		return http.build();
	}

}
