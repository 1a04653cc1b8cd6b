package dev.ciba.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the integration tests of limits that tests should reach in a few steps: small
 * values for the requests per customer, the registration attempts, the bad signatures and
 * the undelivered notifications per client. The classes that extend it share one server
 * (one Spring context), started once.
 * <p>
 * The clients {@code down-ping-client} and {@code down-push-client} of
 * {@code application-it.yml} have their notification endpoint on a port of 127.0.0.1 that
 * refuses every connection: a socket bound to it that never listens, which also keeps any
 * other process from taking the port while the tests run.
 */
@TestPropertySource(properties = { "ciba.limits.requests.max=3", "ciba.limits.registrations.max=2",
		"ciba.limits.bad-signatures.max=2", "ciba.delivery.max-undelivered-per-client=2" })
abstract class SmallLimitsIntegrationTest extends CustomerFlowIntegrationTest {

	private static final Socket REFUSING = refusingSocket();

	@DynamicPropertySource
	static void refusingEndpoint(DynamicPropertyRegistry registry) {
		registry.add("ciba-test.refusing-url", () -> "http://127.0.0.1:" + REFUSING.getLocalPort());
	}

	private static Socket refusingSocket() {
		try {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
