package dev.ciba.server.console;

import dev.ciba.server.customer.CustomerIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Operator accounts: the console's own authentication manager, and the seeding of
 * {@code ciba.console.operators}.
 * <p>
 * Deliberately not a {@link UserDetailsService} bean: the portal's login uses the one
 * such bean (customers), and the console's manager has no parent, so a customer's
 * password never logs anyone in to the console, nor an operator's to the portal.
 */
@Component
@Order(3)
class OperatorAccounts implements ApplicationRunner {

	/** The role of a logged-in operator. */
	static final String OPERATOR_ROLE = "OPERATOR";

	/** Shortest accepted seeded password in clear. */
	static final int MIN_PASSWORD_LENGTH = 12;

	private static final Logger logger = LoggerFactory.getLogger(OperatorAccounts.class);

	private final OperatorRepository operators;

	private final ConsoleProperties properties;

	private final PasswordEncoder passwordEncoder;

	OperatorAccounts(OperatorRepository operators, ConsoleProperties properties, PasswordEncoder passwordEncoder) {
		this.operators = operators;
		this.properties = properties;
		this.passwordEncoder = passwordEncoder;
	}

	/**
	 * The authentication manager of the console's login form: operators only.
	 */
	AuthenticationManager authenticationManager() {
		UserDetailsService users = (username) -> this.operators.findByUsername(username)
			.map((operator) -> User.withUsername(operator.id())
				.password(operator.passwordHash())
				.disabled(!operator.enabled())
				.roles(OPERATOR_ROLE)
				.build())
			.orElseThrow(() -> new UsernameNotFoundException("No such operator"));
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(this.passwordEncoder);
		return new ProviderManager(provider);
	}

	@Override
	public void run(ApplicationArguments args) {
		for (ConsoleProperties.SeedOperator seed : this.properties.getOperators()) {
			String username = seed.getUsername();
			String password = seed.getPassword();
			if (username == null || username.isBlank() || username.length() > 64) {
				throw new IllegalStateException("ciba.console.operators[].username must have 1 to 64 characters");
			}
			if (password == null || (!password.startsWith("{bcrypt}") && password.length() < MIN_PASSWORD_LENGTH)) {
				throw new IllegalStateException(
						"ciba.console.operators[].password must have at least " + MIN_PASSWORD_LENGTH + " characters");
			}
			if (this.operators.findByUsername(username).isPresent()) {
				continue;
			}
			try {
				String hash = password.startsWith("{bcrypt}") ? password : this.passwordEncoder.encode(password);
				this.operators.insert(new Operator(CustomerIds.newId(), username, hash, true));
				logger.info("Seeded an operator from configuration");
			}
			catch (DuplicateKeyException ex) {
				logger.debug("A seeded operator was created concurrently by another node");
			}
		}
	}

}
