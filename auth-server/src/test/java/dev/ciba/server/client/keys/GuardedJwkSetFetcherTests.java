package dev.ciba.server.client.keys;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ciba.server.delivery.NotificationEndpointGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The guarded fetch of a client's JWK Set, against a server on 127.0.0.1 (reachable only
 * with the development setting that allows http and loopback addresses).
 */
class GuardedJwkSetFetcherTests {

	private static final RSAKey RSA = rsa(2048, "rsa-1");

	private static final RSAKey SHORT_RSA = rsa(1024, "rsa-short");

	private final AtomicInteger requests = new AtomicInteger();

	private final Map<String, String> bodies = new ConcurrentHashMap<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private HttpServer server;

	private final GuardedJwkSetFetcher development = fetcher(true);

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.release.countDown();
		this.server.stop(0);
	}

	@Test
	void fetchWhenTheAnswerHasALengthThenOnlyUsablePublicKeysAreKept() throws JOSEException {
		JWK hmac = new OctetSequenceKeyGenerator(256).keyID("hmac").generate();
		String body = new JWKSet(List.of(RSA, SHORT_RSA, hmac)).toString(false);

		JWKSet keys = this.development.fetch(url("/fixed?body=" + store(body)));

		assertThat(keys.getKeys()).containsExactly(RSA.toPublicJWK());
		assertThat(keys.getKeys().get(0).isPrivate()).isFalse();
	}

	@Test
	void fetchWhenTheAnswerIsChunkedThenRead() {
		JWKSet keys = this.development.fetch(url("/chunked?body=" + store(new JWKSet(RSA.toPublicJWK()).toString())));

		assertThat(keys.getKeys()).containsExactly(RSA.toPublicJWK());
	}

	@Test
	void fetchWhenTheAnswerIsLargerThanTheLimitThenRefused() {
		String large = "{\"keys\":[],\"padding\":\"" + "x".repeat(GuardedJwkSetFetcher.MAX_BODY_BYTES) + "\"}";
		String stored = store(large);

		assertRefused(url("/fixed?body=" + stored),
				"Fetching the jwks_uri failed: the answer is larger than 65536 bytes");
		assertRefused(url("/chunked?body=" + stored),
				"Fetching the jwks_uri failed: the answer is larger than 65536 bytes");
	}

	@Test
	void fetchWhenTheAnswerIsARedirectThenRefusedWithoutFollowingIt() {
		assertRefused(url("/redirect"), "Fetching the jwks_uri failed: the answer's status is 302");
		assertThat(this.requests).hasValue(1);
	}

	@Test
	void fetchWhenTheAnswerIsNotAJwkSetThenRefused() {
		assertRefused(url("/fixed?body=" + store("<html>keys</html>")), "The jwks_uri did not answer with a JWK Set");
	}

	@Test
	void fetchWhenTheServerDoesNotAnswerInTimeThenRefused() {
		assertRefused(url("/hang"), "Fetching the jwks_uri timed out");
	}

	@Test
	void fetchWhenTheDevelopmentSettingIsOffThenHttpAndLoopbackAreRefusedWithoutAConnection() {
		GuardedJwkSetFetcher production = fetcher(false);

		assertThatExceptionOfType(JwkSetFetchException.class).isThrownBy(() -> production.fetch(url("/fixed")))
			.withMessage("The jwks_uri must be an https URL");
		assertThatExceptionOfType(JwkSetFetchException.class)
			.isThrownBy(() -> production.fetch("https://127.0.0.1:" + this.server.getAddress().getPort() + "/"))
			.withMessage("The jwks_uri must not point at a loopback address");
		assertThatExceptionOfType(JwkSetFetchException.class)
			.isThrownBy(() -> production.fetch("https://keys.partner.example/jwks"))
			.withMessage("The jwks_uri must not point at a private address");
		assertThat(this.requests).hasValue(0);
	}

	private String store(String body) {
		String id = Integer.toString(this.bodies.size());
		this.bodies.put(id, body);
		return id;
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String path = exchange.getRequestURI().getPath();
		String query = exchange.getRequestURI().getQuery();
		byte[] body = (query != null)
				? this.bodies.get(query.substring("body=".length())).getBytes(StandardCharsets.UTF_8) : new byte[0];
		try (exchange) {
			switch (path) {
				case "/fixed" -> send(exchange, 200, body.length, body);
				case "/chunked" -> send(exchange, 200, 0, body);
				case "/redirect" -> {
					exchange.getResponseHeaders().add("Location", "/fixed");
					exchange.sendResponseHeaders(302, -1);
				}
				case "/hang" -> {
					awaitRelease();
					exchange.sendResponseHeaders(500, -1);
				}
				default -> exchange.sendResponseHeaders(404, -1);
			}
		}
	}

	private static void send(HttpExchange exchange, int status, long length, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
		exchange.sendResponseHeaders(status, length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
		catch (IOException ex) {
			// The fetcher stops reading at its limit.
		}
	}

	private void awaitRelease() {
		try {
			this.release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void assertRefused(String uri, String message) {
		assertThatExceptionOfType(JwkSetFetchException.class).isThrownBy(() -> this.development.fetch(uri))
			.withMessage(message);
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	private static GuardedJwkSetFetcher fetcher(boolean allowInsecure) {
		NotificationEndpointGuard guard = new NotificationEndpointGuard(allowInsecure, (host) -> {
			if (host.equals("keys.partner.example")) {
				return new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 10, 0, 0, 7 }) };
			}
			throw new UnknownHostException(host);
		});
		return new GuardedJwkSetFetcher(guard, Duration.ofSeconds(1), Duration.ofMillis(300),
				(SSLSocketFactory) SSLSocketFactory.getDefault());
	}

	private static RSAKey rsa(int bits, String keyId) {
		try {
			return new RSAKeyGenerator(bits, true).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
