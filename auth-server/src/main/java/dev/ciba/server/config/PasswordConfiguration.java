package dev.ciba.server.config;

import java.util.Map;

import dev.ciba.server.client.Sha256PasswordEncoder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * One delegating password encoder: {@code {sha256}} for client secrets, {@code {bcrypt}}
 * for customers' passwords.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

	static final String BCRYPT = "bcrypt";

	@Bean
	PasswordEncoder passwordEncoder() {
		return new DelegatingPasswordEncoder(BCRYPT,
				Map.of(BCRYPT, new BCryptPasswordEncoder(), Sha256PasswordEncoder.ID, new Sha256PasswordEncoder()));
	}

}
