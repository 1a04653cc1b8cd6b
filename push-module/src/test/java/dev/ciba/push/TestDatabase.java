package dev.ciba.push;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * A throwaway database with the db module's migrations: a PostgreSQL database of its own
 * (from the shared {@link dev.ciba.testsupport.TestDatabase}, dropped on close), or an
 * in-memory H2 database.
 */
public final class TestDatabase implements AutoCloseable {

	private final HikariDataSource dataSource;

	private final dev.ciba.testsupport.TestDatabase postgres;

	private final String jdbcUrl;

	private TestDatabase(HikariDataSource dataSource, dev.ciba.testsupport.TestDatabase postgres, String jdbcUrl) {
		this.dataSource = dataSource;
		this.postgres = postgres;
		this.jdbcUrl = jdbcUrl;
	}

	/**
	 * A new PostgreSQL database.
	 */
	public static TestDatabase postgres() {
		dev.ciba.testsupport.TestDatabase database = dev.ciba.testsupport.TestDatabase.create();
		HikariDataSource dataSource = pool(database.jdbcUrl());
		migrate(dataSource, "postgresql");
		return new TestDatabase(dataSource, database, database.jdbcUrl());
	}

	/**
	 * A new in-memory H2 database, as the embedded default of the server uses.
	 */
	public static TestDatabase h2() {
		String url = "jdbc:h2:mem:push_test_" + java.util.UUID.randomUUID().toString().replace("-", "");
		HikariDataSource dataSource = pool(url);
		migrate(dataSource, "h2");
		return new TestDatabase(dataSource, null, url);
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * A connection pool of its own on the same database, as another server node would
	 * have; the caller closes it.
	 */
	public HikariDataSource otherNodePool() {
		return pool(this.jdbcUrl);
	}

	public boolean isPostgres() {
		return this.postgres != null;
	}

	@Override
	public void close() {
		// An in-memory H2 database goes with its last connection.
		this.dataSource.close();
		if (this.postgres != null) {
			this.postgres.close();
		}
	}

	private static HikariDataSource pool(String jdbcUrl) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl);
		config.setMaximumPoolSize(16);
		config.setPoolName("push-test");
		return new HikariDataSource(config);
	}

	private static void migrate(DataSource dataSource, String vendor) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
			.load()
			.migrate();
	}

}
