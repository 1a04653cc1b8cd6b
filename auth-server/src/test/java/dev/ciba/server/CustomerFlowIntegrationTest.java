package dev.ciba.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import dev.ciba.push.api.DeviceRegistrations;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.customer.CustomerIds;
import dev.ciba.server.customer.CustomerRepository;
import dev.ciba.simulator.DiscoveryData;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.ServerAnswer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests that need customers of their own with a registered phone, and the
 * private keys of the clients that sign their requests ({@code test-client-keys.json},
 * whose public halves are in {@code application-it.yml}).
 */
abstract class CustomerFlowIntegrationTest extends PostgresIntegrationTest {

	/** The password of every customer made by {@link #newCustomer()}. */
	static final String PASSWORD = "a-test-password-123";

	private static final String PASSWORD_HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);

	@Autowired
	protected CustomerRepository customers;

	@Autowired
	protected DeviceRegistrations registrations;

	@Autowired
	protected JdbcClient jdbc;

	protected Customer newCustomer() {
		String name = "c" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		Customer customer = new Customer(CustomerIds.newId(), name, name + "@example.com", PASSWORD_HASH, null, true);
		this.customers.insert(customer);
		return customer;
	}

	protected Phone registerPhone(Customer customer) {
		dev.ciba.push.api.DiscoveryData offered = this.registrations.open(customer.id());
		DiscoveryData data = new DiscoveryData(offered.deviceId(), offered.username(), url(""), offered.tenantDomain(),
				offered.challenge());
		Phone phone = Phone.create(data, KeyType.RSA, Phone.newHttpClient(), this.clock);
		ServerAnswer registered = phone.register("Test phone", "Simulator", "");
		assertThat(registered.status()).isEqualTo(201);
		return phone;
	}

	protected int count(String table) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
	}

	static JWKSet clientKeys() {
		try (InputStream keys = CustomerFlowIntegrationTest.class.getResourceAsStream("/test-client-keys.json")) {
			return JWKSet.load(keys);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
