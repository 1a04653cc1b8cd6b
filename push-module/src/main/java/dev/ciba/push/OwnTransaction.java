package dev.ciba.push;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one SQL statement as a transaction of its own, whatever the caller is doing: the
 * statement commits even when the caller's work rolls back afterwards, and its failure (a
 * duplicate key aborts a PostgreSQL transaction) never spoils the caller's transaction.
 * <p>
 * Outside a transaction, and when the pool hands out auto-commit connections (Hikari's
 * default), the statement runs on such a connection, which makes it a transaction of its
 * own without the extra round trip of an explicit {@code COMMIT}; otherwise it runs in a
 * new transaction.
 */
public final class OwnTransaction {

	private final TransactionTemplate requiresNew;

	private final DataSource dataSource;

	private volatile Boolean autoCommitPool;

	public OwnTransaction(PlatformTransactionManager transactionManager) {
		this.requiresNew = new TransactionTemplate(transactionManager);
		this.requiresNew.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.dataSource = (transactionManager instanceof DataSourceTransactionManager jdbc) ? jdbc.getDataSource()
				: null;
	}

	/**
	 * Runs the statement and returns its result.
	 * @param statement one SQL statement, run through a {@code JdbcClient} or
	 * {@code JdbcTemplate} of the transaction manager's data source
	 */
	public <T> T run(Supplier<T> statement) {
		if (!TransactionSynchronizationManager.isActualTransactionActive() && autoCommitPool()) {
			return statement.get();
		}
		return this.requiresNew.execute((status) -> statement.get());
	}

	private boolean autoCommitPool() {
		Boolean known = this.autoCommitPool;
		if (known != null) {
			return known;
		}
		if (this.dataSource == null) {
			this.autoCommitPool = false;
			return false;
		}
		try (Connection connection = this.dataSource.getConnection()) {
			known = connection.getAutoCommit();
			this.autoCommitPool = known;
			return known;
		}
		catch (SQLException ex) {
			// Not known now; an explicit transaction is right either way, and the next
			// statement asks again.
			return false;
		}
	}

}
