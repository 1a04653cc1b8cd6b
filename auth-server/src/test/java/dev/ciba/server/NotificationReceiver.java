package dev.ciba.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.awaitility.Awaitility.await;

/**
 * A client's notification endpoint for the tests: an HTTP server on 127.0.0.1 that
 * records every call and answers as a test scripted it, per
 * {@code client_notification_token} (the bearer token of the call). Started once per test
 * JVM.
 */
final class NotificationReceiver {

	/** The longest a hanging answer waits to be released. */
	private static final Duration MAX_HANG = Duration.ofSeconds(10);

	private static NotificationReceiver shared;

	private final HttpServer server;

	private final ExecutorService executor;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> hangs = new ConcurrentHashMap<>();

	private NotificationReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.executor = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "notification-receiver");
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static synchronized NotificationReceiver shared() {
		if (shared == null) {
			shared = new NotificationReceiver();
			NotificationReceiver receiver = shared;
			Runtime.getRuntime().addShutdownHook(new Thread(receiver::stop, "stop-notification-receiver"));
		}
		return shared;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Answers the calls carrying {@code token} with these statuses in turn; the last one
	 * repeats. Unscripted calls get 204.
	 */
	void script(String token, Integer... statuses) {
		this.scripts.put(token, new ArrayDeque<>(List.of(statuses)));
	}

	/**
	 * Lets the calls carrying {@code token} wait for an answer until {@link #release}.
	 */
	void hang(String token) {
		this.hangs.put(token, new CountDownLatch(1));
	}

	void release(String token) {
		CountDownLatch latch = this.hangs.remove(token);
		if (latch != null) {
			latch.countDown();
		}
	}

	List<Call> calls(String token) {
		return this.calls.stream().filter((call) -> ("Bearer " + token).equals(call.authorization())).toList();
	}

	List<Call> callsTo(String path) {
		return this.calls.stream().filter((call) -> call.path().equals(path)).toList();
	}

	/**
	 * Waits, for at most {@code timeout}, until {@code count} calls carried
	 * {@code token}, and returns them; fails the test when they do not come.
	 */
	List<Call> awaitCalls(String token, int count, Duration timeout) {
		return await().atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> calls(token), (calls) -> calls.size() >= count);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			this.calls.add(new Call(Instant.now(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Host"),
					exchange.getRequestHeaders().getFirst("Content-Type"), authorization, body));
			String token = (authorization != null && authorization.startsWith("Bearer "))
					? authorization.substring("Bearer ".length()) : "";
			awaitRelease(token);
			answer(exchange, nextStatus(token));
		}
		finally {
			exchange.close();
		}
	}

	private void awaitRelease(String token) {
		CountDownLatch hang = this.hangs.get(token);
		if (hang == null) {
			return;
		}
		try {
			hang.await(MAX_HANG.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private int nextStatus(String token) {
		Deque<Integer> script = this.scripts.get(token);
		if (script == null) {
			return 204;
		}
		synchronized (script) {
			return (script.size() > 1) ? script.removeFirst() : script.getFirst();
		}
	}

	private void answer(HttpExchange exchange, int status) throws IOException {
		if (status / 100 == 3) {
			exchange.getResponseHeaders().set("Location", baseUrl() + "/redirected");
		}
		if (status == 204 || status / 100 == 3) {
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		byte[] body = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private void stop() {
		this.hangs.values().forEach(CountDownLatch::countDown);
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One call to the receiver.
	 */
	record Call(Instant receivedAt, String method, String path, String host, String contentType, String authorization,
			String body) {
	}

}
