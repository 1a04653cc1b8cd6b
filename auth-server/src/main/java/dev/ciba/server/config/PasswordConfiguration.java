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

	private static final String SHA256_PREFIX = "{" + Sha256PasswordEncoder.ID + "}";

	@Bean
	PasswordEncoder passwordEncoder() {
		return new KeepingSha256(new DelegatingPasswordEncoder(BCRYPT,
				Map.of(BCRYPT, new BCryptPasswordEncoder(), Sha256PasswordEncoder.ID, new Sha256PasswordEncoder())));
	}

	/**
	 * The delegating encoder asks to upgrade every hash that is not of its default id,
	 * and the authorization server's client authentication then re-encodes a
	 * {@code {sha256}} client secret with bcrypt and saves the client, on its first
	 * successful authentication. Client secrets stay SHA-256 (see the README).
	 */
	private record KeepingSha256(PasswordEncoder delegate) implements PasswordEncoder {

		@Override
		public String encode(CharSequence rawPassword) {
			return this.delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			return this.delegate.matches(rawPassword, encodedPassword);
		}

		@Override
		public boolean upgradeEncoding(String encodedPassword) {
			return !encodedPassword.startsWith(SHA256_PREFIX) && this.delegate.upgradeEncoding(encodedPassword);
		}

	}

}
