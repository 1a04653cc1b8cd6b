package dev.ciba.push;

import java.time.Instant;
import java.util.Optional;

import dev.ciba.push.api.CustomerDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The server's customer port, as a test fake over the {@code customer} table.
 */
public final class TestCustomers implements CustomerDirectory {

	private final JdbcClient jdbc;

	public TestCustomers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void add(String id, String username, boolean enabled) {
		this.jdbc
			.sql("INSERT INTO customer (id, username, email, password_hash, enabled, created_at) "
					+ "VALUES (?, ?, ?, 'unused', ?, ?)")
			.params(id, username, username + "@example.test", enabled, SqlTime.bind(Instant.EPOCH))
			.update();
	}

	public void setEnabled(String id, boolean enabled) {
		this.jdbc.sql("UPDATE customer SET enabled = ? WHERE id = ?").params(enabled, id).update();
	}

	@Override
	public Optional<CustomerRef> findById(String customerId) {
		return this.jdbc.sql("SELECT id, username, enabled FROM customer WHERE id = ?")
			.param(customerId)
			.query((rs, row) -> new CustomerRef(rs.getString("id"), rs.getString("username"), rs.getBoolean("enabled")))
			.optional();
	}

}
