package dev.ciba.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A PostgreSQL database of its own for one test run, dropped on {@link #close()}.
 * <p>
 * The server comes from the JDBC URL in the system property {@code ciba.test.jdbc-url} or
 * the environment variable {@code CIBA_TEST_JDBC_URL} (an admin connection that may
 * create databases, for example
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}). Without one,
 * Testcontainers starts PostgreSQL, which needs a Docker engine.
 */
public final class TestDatabase implements AutoCloseable {

	private static final String PROPERTY = "ciba.test.jdbc-url";

	private static final String VARIABLE = "CIBA_TEST_JDBC_URL";

	private final String adminUrl;

	private final String name;

	private final String jdbcUrl;

	private final PostgreSQLContainer container;

	private TestDatabase(String adminUrl, String name, String jdbcUrl, PostgreSQLContainer container) {
		this.adminUrl = adminUrl;
		this.name = name;
		this.jdbcUrl = jdbcUrl;
		this.container = container;
	}

	/**
	 * Creates a fresh, uniquely named database.
	 */
	public static TestDatabase create() {
		String adminUrl = configuredAdminUrl();
		if (adminUrl == null) {
			return startContainer();
		}
		String name = "ciba_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute(adminUrl, "CREATE DATABASE " + name);
		return new TestDatabase(adminUrl, name, replaceDatabase(adminUrl, name), null);
	}

	private static String configuredAdminUrl() {
		String url = System.getProperty(PROPERTY);
		if (url == null || url.isBlank() || url.startsWith("${")) {
			url = System.getenv(VARIABLE);
		}
		return (url == null || url.isBlank()) ? null : url.trim();
	}

	private static TestDatabase startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
		container.start();
		String url = container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?") + "user="
				+ container.getUsername() + "&password=" + container.getPassword();
		return new TestDatabase(null, container.getDatabaseName(), url, container);
	}

	/**
	 * Replaces the database name in a PostgreSQL JDBC URL, keeping host, port and
	 * parameters.
	 */
	static String replaceDatabase(String url, String database) {
		String prefix = "jdbc:postgresql://";
		if (!url.toLowerCase(Locale.ROOT).startsWith(prefix)) {
			throw new IllegalArgumentException(VARIABLE + " must be a jdbc:postgresql:// URL");
		}
		int query = url.indexOf('?');
		String base = (query < 0) ? url : url.substring(0, query);
		String params = (query < 0) ? "" : url.substring(query);
		int slash = base.indexOf('/', prefix.length());
		String hostPart = (slash < 0) ? base : base.substring(0, slash);
		return hostPart + "/" + database + params;
	}

	private static void execute(String url, String sql) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on the test PostgreSQL server", ex);
		}
	}

	/**
	 * The JDBC URL of this database, with credentials as URL parameters.
	 */
	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	/**
	 * The database's name.
	 */
	public String name() {
		return this.name;
	}

	@Override
	public void close() {
		if (this.container != null) {
			this.container.stop();
			return;
		}
		execute(this.adminUrl, "DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

}
