package dev.ciba.push;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class OwnTransactionTest {

	private final EmbeddedDatabase database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
		.setType(EmbeddedDatabaseType.H2)
		.build();

	private final JdbcClient reader = JdbcClient.create(this.database);

	@AfterEach
	void shutDown() {
		this.database.shutdown();
	}

	@Test
	void runWhenOutsideATransactionThenTheStatementIsCommitted() {
		createTable();
		OwnTransaction own = new OwnTransaction(new DataSourceTransactionManager(this.database));
		JdbcClient jdbc = JdbcClient.create(this.database);

		int rows = own.run(() -> jdbc.sql("INSERT INTO counted (name) VALUES ('alone')").update());

		assertThat(rows).isEqualTo(1);
		assertThat(names()).containsExactly("alone");
	}

	@Test
	void runWhenTheCallersTransactionRollsBackThenTheStatementStaysCommitted() {
		createTable();
		DataSourceTransactionManager transactions = new DataSourceTransactionManager(this.database);
		OwnTransaction own = new OwnTransaction(transactions);
		JdbcClient jdbc = JdbcClient.create(this.database);

		new TransactionTemplate(transactions).executeWithoutResult((status) -> {
			jdbc.sql("INSERT INTO counted (name) VALUES ('caller')").update();
			own.run(() -> jdbc.sql("INSERT INTO counted (name) VALUES ('own')").update());
			status.setRollbackOnly();
		});

		assertThat(names()).containsExactly("own");
	}

	@Test
	void runWhenThePoolHandsOutConnectionsWithoutAutoCommitThenTheStatementIsStillCommitted() {
		createTable();
		DataSource manualCommit = new DelegatingDataSource(this.database) {

			@Override
			public Connection getConnection() throws SQLException {
				Connection connection = super.getConnection();
				connection.setAutoCommit(false);
				return connection;
			}

		};
		OwnTransaction own = new OwnTransaction(new DataSourceTransactionManager(manualCommit));
		JdbcClient jdbc = JdbcClient.create(manualCommit);

		own.run(() -> jdbc.sql("INSERT INTO counted (name) VALUES ('committed')").update());

		assertThat(names()).containsExactly("committed");
	}

	private void createTable() {
		this.reader.sql("CREATE TABLE counted (name VARCHAR(20))").update();
	}

	private List<String> names() {
		return this.reader.sql("SELECT name FROM counted ORDER BY name").query(String.class).list();
	}

}
