package dev.ciba.server.customer;

import java.util.Locale;

import dev.ciba.server.config.CibaProperties;
import dev.ciba.server.config.CibaProperties.SeedCustomer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the customers listed under {@code ciba.seed.customers} that do not exist yet.
 * Safe to run on several nodes at once: a customer another node created first is left as
 * it is.
 */
@Component
@Order(1)
class CustomerSeeder implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(CustomerSeeder.class);

	private final CibaProperties properties;

	private final CustomerRepository customers;

	private final PasswordEncoder passwordEncoder;

	CustomerSeeder(CibaProperties properties, CustomerRepository customers, PasswordEncoder passwordEncoder) {
		this.properties = properties;
		this.customers = customers;
		this.passwordEncoder = passwordEncoder;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (SeedCustomer seed : this.properties.getSeed().getCustomers()) {
			validate(seed);
			if (this.customers.findByUsername(seed.getUsername()).isPresent()) {
				continue;
			}
			try {
				this.customers.insert(new Customer(CustomerIds.newId(), seed.getUsername(), seed.getEmail(),
						encode(seed.getPassword()), seed.getDisplayName(), true));
				logger.info("Seeded a customer from configuration");
			}
			catch (DuplicateKeyException ex) {
				logger.debug("A seeded customer was created concurrently by another node");
			}
		}
	}

	private String encode(String password) {
		return password.startsWith("{bcrypt}") ? password : this.passwordEncoder.encode(password);
	}

	private static void validate(SeedCustomer seed) {
		if (seed.getUsername() == null || seed.getUsername().isBlank() || seed.getUsername().contains("@")) {
			throw new IllegalStateException("ciba.seed.customers[].username must be set and must not contain '@'");
		}
		if (seed.getEmail() == null || !seed.getEmail().contains("@")) {
			throw new IllegalStateException("ciba.seed.customers[].email must be an e-mail address");
		}
		if (seed.getPassword() == null || seed.getPassword().length() < 8) {
			throw new IllegalStateException("ciba.seed.customers[].password must have at least 8 characters");
		}
		if (!seed.getEmail().equals(seed.getEmail().toLowerCase(Locale.ROOT))) {
			logger.debug("A seeded e-mail address is stored in lower case");
		}
	}

}
