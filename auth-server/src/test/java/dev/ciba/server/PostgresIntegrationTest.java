package dev.ciba.server;

import java.time.Instant;

import dev.ciba.testsupport.MutableClock;
import dev.ciba.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole server on a random port, on a PostgreSQL
 * database of its own (created once per test JVM and dropped when it exits), with a clock
 * the tests move by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@Import(PostgresIntegrationTest.TestClockConfiguration.class)
public abstract class PostgresIntegrationTest {

	private static final TestDatabase DATABASE = createDatabase();

	/** Where every test's clock starts. */
	protected static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	private static TestDatabase createDatabase() {
		TestDatabase database = TestDatabase.create();
		Runtime.getRuntime().addShutdownHook(new Thread(database::close, "drop-test-database"));
		return database;
	}

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", DATABASE::jdbcUrl);
		registry.add("ciba.issuer", () -> "http://localhost:8080");
		registry.add("ciba-test.receiver-url", () -> NotificationReceiver.shared().baseUrl());
	}

	@BeforeEach
	void resetClock() {
		this.clock.set(Instant.now());
	}

	protected String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClockConfiguration {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(START);
		}

	}

}
