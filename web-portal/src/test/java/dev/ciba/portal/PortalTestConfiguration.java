package dev.ciba.portal;

import java.time.Clock;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What the server provides around the portal, reduced to the parts the pages depend on: a
 * portal chain with the server's form-login and logout URLs and CSRF on, and a fixed
 * clock.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableWebSecurity
class PortalTestConfiguration {

	@Bean
	SecurityFilterChain portalTestSecurityFilterChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/portal/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/portal/login", "/portal/assets/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/portal/login")
				.loginProcessingUrl("/portal/login")
				.defaultSuccessUrl("/portal/devices", true)
				.failureUrl("/portal/login?error"))
			.logout((logout) -> logout.logoutUrl("/portal/logout").logoutSuccessUrl("/portal/login?logout"));
		return http.build();
	}

	@Bean
	Clock clock() {
		return Clock.fixed(TestPortalData.NOW, ZoneOffset.UTC);
	}

}
