package dev.ciba.server.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocketFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ciba.server.delivery.NotificationHttpSender.SendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender against an HTTP server of the test's own on 127.0.0.1.
 */
class NotificationHttpSenderTests {

	private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

	private final NotificationHttpSender sender = new NotificationHttpSender(Duration.ofSeconds(1),
			Duration.ofMillis(300), (SSLSocketFactory) SSLSocketFactory.getDefault());

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private HttpServer server;

	private ExecutorService executor;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
		this.executor = Executors.newCachedThreadPool();
		this.server.setExecutor(this.executor);
		this.server.createContext("/ok", (exchange) -> answer(exchange, 204));
		this.server.createContext("/body", (exchange) -> answer(exchange, 200));
		this.server.createContext("/moved", (exchange) -> {
			exchange.getResponseHeaders().set("Location", "/ok");
			answer(exchange, 302);
		});
		this.server.createContext("/broken", (exchange) -> answer(exchange, 502));
		this.server.createContext("/slow", (exchange) -> {
			try {
				this.release.await(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			answer(exchange, 204);
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.release.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Test
	void postWhenEndpointAnswers204ThenTheStatusAndTheExactRequest() {
		SendResult result = this.sender.post(endpoint("127.0.0.1", "/ok?client=7"), LOOPBACK, "token-123",
				"{\"auth_req_id\":\"abc\"}");

		assertThat(result).isEqualTo(new SendResult(204, null));
		assertThat(result.delivered()).isTrue();
		assertThat(this.received).hasSize(1);
		Received request = this.received.get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.target()).isEqualTo("/ok?client=7");
		assertThat(request.contentType()).isEqualTo("application/json");
		assertThat(request.authorization()).isEqualTo("Bearer token-123");
		assertThat(request.body()).isEqualTo("{\"auth_req_id\":\"abc\"}");
	}

	@Test
	void postWhenEndpointAnswers200WithABodyThenDelivered() {
		SendResult result = this.sender.post(endpoint("127.0.0.1", "/body"), LOOPBACK, "t", "{}");

		assertThat(result.httpStatus()).isEqualTo(200);
		assertThat(result.delivered()).isTrue();
	}

	// The URL names a host that no resolver knows: the sender connects to the address it
	// is given and still sends the URL's host in the Host header.
	@Test
	void postWhenTheUrlNamesAHostThenConnectsToTheCheckedAddress() {
		SendResult result = this.sender.post(endpoint("client.invalid", "/ok"), LOOPBACK, "t", "{}");

		assertThat(result.httpStatus()).isEqualTo(204);
		assertThat(this.received).extracting(Received::host).containsExactly("client.invalid:" + port());
	}

	@Test
	void postWhenEndpointRedirectsThenTheRedirectIsNotFollowed() {
		SendResult result = this.sender.post(endpoint("127.0.0.1", "/moved"), LOOPBACK, "t", "{}");

		assertThat(result.httpStatus()).isEqualTo(302);
		assertThat(result.delivered()).isFalse();
		assertThat(result.retryable()).isFalse();
		assertThat(this.received).extracting(Received::target).containsExactly("/moved");
	}

	@Test
	void postWhenEndpointAnswers5xxThenRetryable() {
		SendResult result = this.sender.post(endpoint("127.0.0.1", "/broken"), LOOPBACK, "t", "{}");

		assertThat(result.httpStatus()).isEqualTo(502);
		assertThat(result.retryable()).isTrue();
	}

	@Test
	void postWhenEndpointDoesNotAnswerInTimeThenTimeout() {
		SendResult result = this.sender.post(endpoint("127.0.0.1", "/slow"), LOOPBACK, "t", "{}");

		assertThat(result).isEqualTo(new SendResult(null, "timeout"));
		assertThat(result.retryable()).isTrue();
	}

	@Test
	void postWhenNothingListensThenConnectFailed() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
			closedPort = socket.getLocalPort();
		}

		SendResult result = this.sender.post(URI.create("http://127.0.0.1:" + closedPort + "/ok"), LOOPBACK, "t", "{}");

		assertThat(result).isEqualTo(new SendResult(null, "connect_failed"));
		assertThat(result.retryable()).isTrue();
	}

	@Test
	void postWhenTokenCouldSplitTheHeaderThenNothingIsSent() {
		SendResult result = this.sender.post(endpoint("127.0.0.1", "/ok"), LOOPBACK, "t\r\nX-Injected: 1", "{}");

		assertThat(result).isEqualTo(new SendResult(null, "invalid_token_syntax"));
		assertThat(result.retryable()).isFalse();
		assertThat(this.received).isEmpty();
	}

	@Test
	void sendResultWhenClientErrorThenNeitherDeliveredNorRetryable() {
		SendResult unauthorized = new SendResult(401, null);

		assertThat(unauthorized.delivered()).isFalse();
		assertThat(unauthorized.retryable()).isFalse();
	}

	@Test
	void sendResultWhenEndpointWasRefusedThenNotRetryable() {
		assertThat(SendResult.failure("endpoint_refused").retryable()).isFalse();
		assertThat(SendResult.failure("unknown_host").retryable()).isTrue();
	}

	private URI endpoint(String host, String pathAndQuery) {
		return URI.create("http://" + host + ":" + port() + pathAndQuery);
	}

	private int port() {
		return this.server.getAddress().getPort();
	}

	private void answer(HttpExchange exchange, int status) throws IOException {
		try {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					exchange.getRequestHeaders().getFirst("Host"),
					exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestHeaders().getFirst("Authorization"), body));
			if (status == 200) {
				byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(status, answer.length);
				exchange.getResponseBody().write(answer);
			}
			else {
				exchange.sendResponseHeaders(status, -1);
			}
		}
		finally {
			exchange.close();
		}
	}

	private record Received(String method, String target, String host, String contentType, String authorization,
			String body) {
	}

}
