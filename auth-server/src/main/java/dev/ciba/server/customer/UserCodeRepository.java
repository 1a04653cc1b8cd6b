package dev.ciba.server.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The user code columns of the {@code customer} table. Changes to the attempts are
 * conditional on the row's {@code version}, so that concurrent requests on any node count
 * every attempt exactly once.
 */
@Repository
class UserCodeRepository {

	private final JdbcClient jdbc;

	UserCodeRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A customer's stored user code.
	 *
	 * @param hash the encoded code, or {@code null} when none is set
	 * @param attempts the wrong codes and the lock
	 * @param version the row's version, for {@link #replaceAttempts}
	 */
	record StoredUserCode(String hash, UserCodeAttempts attempts, int version) {
	}

	Optional<StoredUserCode> find(String customerId) {
		return this.jdbc.sql("""
				SELECT user_code_hash, user_code_failures, user_code_locked_until, version
				FROM customer WHERE id = ?""").param(customerId).query(UserCodeRepository::map).optional();
	}

	/**
	 * Stores a new code and clears the attempts.
	 * @return whether the customer exists
	 */
	boolean setHash(String customerId, String hash) {
		return this.jdbc.sql("""
				UPDATE customer SET user_code_hash = :hash, user_code_failures = 0, user_code_locked_until = NULL,
				    version = version + 1
				WHERE id = :id""").param("hash", hash).param("id", customerId).update() == 1;
	}

	/**
	 * Replaces the attempts, if the row is still at the version read.
	 * @return whether this call changed them
	 */
	boolean replaceAttempts(String customerId, int version, UserCodeAttempts attempts) {
		return this.jdbc.sql("""
				UPDATE customer SET user_code_failures = :failures, user_code_locked_until = :lockedUntil,
				    version = version + 1
				WHERE id = :id AND version = :version""")
			.param("failures", attempts.failures())
			.param("lockedUntil", utc(attempts.lockedUntil()))
			.param("id", customerId)
			.param("version", version)
			.update() == 1;
	}

	/**
	 * Clears the attempts after a right code, if the code is still the one compared.
	 */
	void clearAttempts(String customerId, String hash) {
		this.jdbc.sql("""
				UPDATE customer SET user_code_failures = 0, user_code_locked_until = NULL, version = version + 1
				WHERE id = :id AND user_code_hash = :hash""").param("id", customerId).param("hash", hash).update();
	}

	private static StoredUserCode map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime lockedUntil = rs.getObject("user_code_locked_until", OffsetDateTime.class);
		UserCodeAttempts attempts = new UserCodeAttempts(rs.getInt("user_code_failures"),
				(lockedUntil != null) ? lockedUntil.toInstant() : null);
		return new StoredUserCode(rs.getString("user_code_hash"), attempts, rs.getInt("version"));
	}

	// The columns keep microseconds; truncating first keeps the database from rounding a
	// lock's end up past the instant the server computed.
	private static OffsetDateTime utc(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC) : null;
	}

}
