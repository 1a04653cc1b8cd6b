package dev.ciba.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;

/**
 * The clients' notification endpoints: an HTTPS server on 127.0.0.1 that records every
 * request (path, headers, body, TLS protocol) and answers each path as a test scripts it,
 * {@code 204} by default. A path can also be {@link #hold(String) held}: its requests are
 * recorded and then left without an answer until {@link #release(String)}, so that a test
 * can act while a delivery is in flight.
 */
final class NotificationReceiver implements AutoCloseable {

	private static final int MAX_BODY_BYTES = 256 * 1024;

	private static final Duration POLL_PAUSE = Duration.ofMillis(50);

	/**
	 * The longest a held request waits for its release, so that a forgotten hold cannot
	 * block the receiver's threads for good.
	 */
	private static final Duration HOLD_LIMIT = Duration.ofSeconds(60);

	private final HttpsServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private final List<Notification> received = new ArrayList<>();

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

	private NotificationReceiver(HttpsServer server) {
		this.server = server;
	}

	/**
	 * Starts the receiver on a free port of 127.0.0.1 with the certificate.
	 */
	static NotificationReceiver start(ReceiverCertificate certificate) throws IOException {
		HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
		NotificationReceiver receiver = new NotificationReceiver(server);
		server.createContext("/", receiver::handle);
		server.setExecutor(receiver.executor);
		server.start();
		return receiver;
	}

	/**
	 * The URL of a path on the receiver, {@code https://127.0.0.1:<port><path>}.
	 */
	String url(String path) {
		return "https://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/**
	 * From now on, answers requests to {@code path} so.
	 */
	void answer(String path, Answer answer) {
		this.answers.put(path, answer);
	}

	/**
	 * From now on, records requests to {@code path} and then keeps them waiting, without
	 * an answer, until {@link #release(String)}.
	 */
	void hold(String path) {
		this.holds.put(path, new CountDownLatch(1));
	}

	/**
	 * Lets the held requests to {@code path} be answered, and answers later ones at once.
	 */
	void release(String path) {
		CountDownLatch hold = this.holds.remove(path);
		if (hold != null) {
			hold.countDown();
		}
	}

	/**
	 * Back to {@code 204} on every path.
	 */
	void answerNoContentEverywhere() {
		this.answers.clear();
	}

	/**
	 * Every request received so far on {@code path} whose JSON body names the
	 * {@code auth_req_id}.
	 */
	List<Notification> received(String path, String authReqId) {
		return receivedMatching((notification) -> notification.path().equals(path)
				&& notification.body().contains("\"" + authReqId + "\""));
	}

	/**
	 * Every request received so far on {@code path}.
	 */
	List<Notification> received(String path) {
		return receivedMatching((notification) -> notification.path().equals(path));
	}

	/**
	 * Waits until a request on {@code path} names the {@code auth_req_id}, and returns
	 * the first one.
	 */
	Notification await(String path, String authReqId, Duration timeout) throws InterruptedIOException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			List<Notification> found = received(path, authReqId);
			if (!found.isEmpty()) {
				return found.get(0);
			}
			pause(POLL_PAUSE);
		}
		throw new AssertionError("No notification for the request arrived at " + path + " within " + timeout.toMillis()
				+ " ms; received on that path: " + received(path).size());
	}

	/**
	 * Waits for {@code duration}: to give the server time to send what it must not send.
	 */
	static void pause(Duration duration) throws InterruptedIOException {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for notifications");
		}
	}

	@Override
	public void close() {
		this.holds.keySet().forEach(this::release);
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private List<Notification> receivedMatching(Predicate<Notification> filter) {
		synchronized (this.received) {
			return this.received.stream().filter(filter).toList();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = readBody(exchange.getRequestBody());
			String path = exchange.getRequestURI().getPath();
			Notification notification = new Notification(exchange.getRequestMethod(), path,
					exchange.getRequestHeaders().getFirst("Authorization"),
					exchange.getRequestHeaders().getFirst("Content-Type"), new String(body, StandardCharsets.UTF_8),
					((HttpsExchange) exchange).getSSLSession().getProtocol(), Instant.now());
			synchronized (this.received) {
				this.received.add(notification);
			}
			awaitRelease(this.holds.get(path));
			respond(exchange, this.answers.getOrDefault(path, Answer.NO_CONTENT));
		}
	}

	private static void awaitRelease(CountDownLatch hold) {
		if (hold == null) {
			return;
		}
		try {
			hold.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static byte[] readBody(InputStream in) throws IOException {
		byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			throw new IOException("A notification body larger than " + MAX_BODY_BYTES + " bytes");
		}
		return body;
	}

	private static void respond(HttpExchange exchange, Answer answer) throws IOException {
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		// The server reads only the status line and may close at once; a broken pipe
		// while writing the rest is its right.
		try {
			exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
		catch (IOException ex) {
			// The client went away after the status line.
		}
	}

	/**
	 * A scripted answer.
	 *
	 * @param status the HTTP status
	 * @param headers extra headers
	 * @param body the body, empty for none
	 */
	record Answer(int status, Map<String, String> headers, String body) {

		static final Answer NO_CONTENT = new Answer(204, Map.of(), "");

		static Answer status(int status) {
			return new Answer(status, Map.of(), "");
		}

	}

	/**
	 * One request the receiver got.
	 *
	 * @param method the HTTP method
	 * @param path the request path
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @param body the body as UTF-8 text
	 * @param tlsProtocol the TLS protocol version of the connection
	 * @param receivedAt when it arrived
	 */
	record Notification(String method, String path, String authorization, String contentType, String body,
			String tlsProtocol, Instant receivedAt) {

		/**
		 * The request as Nimbus' callback parsers take it.
		 */
		HTTPRequest toHttpRequest(URI url) {
			HTTPRequest request = new HTTPRequest(HTTPRequest.Method.valueOf(this.method), url);
			if (this.authorization != null) {
				request.setAuthorization(this.authorization);
			}
			if (this.contentType != null) {
				request.setHeader("Content-Type", this.contentType);
			}
			request.setBody(this.body);
			return request;
		}

	}

}
