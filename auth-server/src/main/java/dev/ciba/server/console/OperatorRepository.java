package dev.ciba.server.console;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Operators in the {@code operator} table.
 */
@Repository
class OperatorRepository {

	private final JdbcClient jdbc;

	private final Clock clock;

	OperatorRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<Operator> findByUsername(String username) {
		return this.jdbc.sql("SELECT id, username, password_hash, enabled FROM operator WHERE username = ?")
			.param(username)
			.query(Operator.class)
			.optional();
	}

	void insert(Operator operator) {
		this.jdbc.sql("INSERT INTO operator (id, username, password_hash, enabled, created_at) VALUES (?, ?, ?, ?, ?)")
			.params(operator.id(), operator.username(), operator.passwordHash(), operator.enabled(),
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
	}

}
