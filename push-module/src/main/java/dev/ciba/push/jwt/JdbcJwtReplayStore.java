package dev.ciba.push.jwt;

import java.time.Instant;

import dev.ciba.push.OwnTransaction;
import dev.ciba.push.SqlTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code device_jwt_replay} table. The primary key makes the first use win on every
 * node: a second insert of the same hash fails with a duplicate key.
 */
@Repository
public class JdbcJwtReplayStore implements JwtReplayStore {

	private final JdbcClient jdbc;

	private final OwnTransaction ownTransaction;

	public JdbcJwtReplayStore(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		// A failed insert aborts a PostgreSQL transaction; keep it out of the caller's.
		this.ownTransaction = new OwnTransaction(transactionManager);
	}

	@Override
	public boolean markUsed(String hash, Instant keepUntil) {
		try {
			this.ownTransaction
				.run(() -> this.jdbc.sql("INSERT INTO device_jwt_replay (jti_hash, expires_at) VALUES (?, ?)")
					.params(hash, SqlTime.bind(keepUntil))
					.update());
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

}
