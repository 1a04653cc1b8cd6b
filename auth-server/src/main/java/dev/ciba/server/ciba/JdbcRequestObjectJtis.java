package dev.ciba.server.ciba;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code request_object_jti} table. Its primary key makes the first use win on every
 * node: a second insert of the same hash fails with a duplicate key, which is a replay.
 */
@Repository
class JdbcRequestObjectJtis implements RequestObjectJtis {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	JdbcRequestObjectJtis(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		// A failed insert aborts a PostgreSQL transaction; keep it out of any caller's.
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public boolean markUsed(String hash, Instant keepUntil, Instant now) {
		try {
			this.ownTransaction.executeWithoutResult(
					(status) -> this.jdbc.sql("INSERT INTO request_object_jti (jti_hash, expires_at) VALUES (?, ?)")
						.params(hash, utc(keepUntil))
						.update());
			return true;
		}
		catch (DuplicateKeyException ex) {
			// A mark whose time has passed protects nothing any more (the request object
			// it
			// recorded has expired): a conditional update takes it over, once.
			return this.jdbc.sql("UPDATE request_object_jti SET expires_at = ? WHERE jti_hash = ? AND expires_at <= ?")
				.params(utc(keepUntil), hash, utc(now))
				.update() == 1;
		}
	}

	/**
	 * Deletes the marks whose time has passed.
	 * @return how many were deleted
	 */
	int deleteExpired(Instant now) {
		return this.jdbc.sql("DELETE FROM request_object_jti WHERE expires_at <= ?").param(utc(now)).update();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
