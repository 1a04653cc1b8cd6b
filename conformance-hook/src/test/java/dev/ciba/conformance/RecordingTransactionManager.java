package dev.ciba.conformance;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

/**
 * A transaction manager without a database that records how the last transaction ended.
 */
class RecordingTransactionManager implements PlatformTransactionManager {

	private String outcome = "none";

	@Override
	public TransactionStatus getTransaction(TransactionDefinition definition) {
		this.outcome = "open";
		return new SimpleTransactionStatus();
	}

	@Override
	public void commit(TransactionStatus status) {
		this.outcome = status.isRollbackOnly() ? "rolled back" : "committed";
	}

	@Override
	public void rollback(TransactionStatus status) {
		this.outcome = "rolled back";
	}

	/**
	 * {@code none}, {@code open}, {@code committed} or {@code rolled back}.
	 */
	String outcome() {
		return this.outcome;
	}

}
