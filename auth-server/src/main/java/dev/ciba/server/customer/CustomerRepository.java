package dev.ciba.server.customer;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Customers in the {@code customer} table.
 */
@Repository
public class CustomerRepository {

	private static final String COLUMNS = "id, username, email, password_hash, display_name, enabled";

	/**
	 * Maps a row of {@code customer} read with all its columns. Written out because
	 * binding the record by its properties costs several exceptions per row, on every
	 * request that names a customer.
	 */
	public static final RowMapper<Customer> ROWS = (rs, row) -> new Customer(rs.getString("id"),
			rs.getString("username"), rs.getString("email"), rs.getString("password_hash"),
			rs.getString("display_name"), rs.getBoolean("enabled"));

	private final JdbcClient jdbc;

	private final Clock clock;

	CustomerRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Optional<Customer> findById(String id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = ?").param(id).query(ROWS).optional();
	}

	public Optional<Customer> findByUsername(String username) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE username = ?")
			.param(username)
			.query(ROWS)
			.optional();
	}

	public Optional<Customer> findByEmail(String email) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE email = ?")
			.param(email.toLowerCase(Locale.ROOT))
			.query(ROWS)
			.optional();
	}

	/**
	 * Finds a customer by a login name: tried as a username first, then as an e-mail
	 * address.
	 */
	public Optional<Customer> findByLoginName(String loginName) {
		Optional<Customer> byUsername = findByUsername(loginName);
		if (byUsername.isPresent() || loginName.indexOf('@') < 0) {
			return byUsername;
		}
		return findByEmail(loginName);
	}

	/**
	 * Inserts a customer; the e-mail address is stored in lower case.
	 */
	public void insert(Customer customer) {
		this.jdbc
			.sql("INSERT INTO customer (id, username, email, password_hash, display_name, enabled, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(customer.id(), customer.username(), customer.email().toLowerCase(Locale.ROOT),
					customer.passwordHash(), customer.displayName(), customer.enabled(),
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
	}

}
