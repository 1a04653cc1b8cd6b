package dev.ciba.push;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A throwaway database with the db module's migrations: a uniquely named PostgreSQL
 * database (dropped on close), or an in-memory H2 database.
 */
public final class TestDatabase implements AutoCloseable {

	/**
	 * The admin connection used when {@code CIBA_TEST_JDBC_URL} is not set.
	 */
	public static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

	private static final Pattern POSTGRES_URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(.*)");

	private final HikariDataSource dataSource;

	private final String adminUrl;

	private final String name;

	private TestDatabase(HikariDataSource dataSource, String adminUrl, String name) {
		this.dataSource = dataSource;
		this.adminUrl = adminUrl;
		this.name = name;
	}

	/**
	 * A new PostgreSQL database; the test is skipped (not failed) only if no server
	 * answers.
	 */
	public static TestDatabase postgres() {
		String adminUrl = adminUrl();
		String name = "push_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute(adminUrl, "CREATE DATABASE " + name);
		Matcher url = POSTGRES_URL.matcher(adminUrl);
		if (!url.matches()) {
			throw new IllegalStateException("Not a PostgreSQL JDBC URL: CIBA_TEST_JDBC_URL");
		}
		HikariDataSource dataSource = pool(url.group(1) + name + url.group(3));
		migrate(dataSource, "postgresql");
		return new TestDatabase(dataSource, adminUrl, name);
	}

	/**
	 * A new in-memory H2 database, as the embedded default of the server uses.
	 */
	public static TestDatabase h2() {
		String name = "push_test_" + UUID.randomUUID().toString().replace("-", "");
		HikariDataSource dataSource = pool("jdbc:h2:mem:" + name);
		migrate(dataSource, "h2");
		return new TestDatabase(dataSource, null, name);
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public boolean isPostgres() {
		return this.adminUrl != null;
	}

	@Override
	public void close() {
		// An in-memory H2 database goes with its last connection.
		this.dataSource.close();
		if (isPostgres()) {
			execute(this.adminUrl, "DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		}
	}

	private static String adminUrl() {
		String url = System.getenv("CIBA_TEST_JDBC_URL");
		if (url == null || url.isBlank()) {
			url = System.getProperty("ciba.test.jdbc-url");
		}
		return (url == null || url.isBlank() || url.startsWith("${")) ? DEFAULT_ADMIN_URL : url;
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

	private static void execute(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			assumeTrue(!noServer(ex), "No PostgreSQL server answers at the test JDBC URL");
			throw new IllegalStateException("Cannot run " + sql.split(" ")[0] + " on the test server", ex);
		}
	}

	/**
	 * Nothing listens at the address: connection refused, no route, unknown host.
	 */
	private static boolean noServer(SQLException ex) {
		Throwable cause = ex.getCause();
		return cause instanceof ConnectException || cause instanceof NoRouteToHostException
				|| cause instanceof UnknownHostException;
	}

}
