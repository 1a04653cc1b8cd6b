package dev.ciba.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays the server on 127.0.0.1: answers each call with the replies queued for its method
 * and path (404 when none is left) and records what it received.
 */
final class FakeDeviceServer implements AutoCloseable {

	private static final String NOT_FOUND = "{\"error\":\"not_found\",\"error_description\":\"no reply queued\"}";

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();

	private FakeDeviceServer(HttpServer server) {
		this.server = server;
	}

	static FakeDeviceServer start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		FakeDeviceServer fake = new FakeDeviceServer(server);
		server.createContext("/", fake::handle);
		server.start();
		return fake;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	void reply(String method, String path, int status, String body) {
		this.replies.computeIfAbsent(method + " " + path, (key) -> new ArrayDeque<>()).add(new Reply(status, body));
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	/**
	 * The one call received for the method and path; fails if there were none or several.
	 */
	Received only(String method, String path) {
		List<Received> matching = this.received.stream()
			.filter((call) -> call.method().equals(method) && call.path().equals(path))
			.toList();
		assertThat(matching).hasSize(1);
		return matching.get(0);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getRawPath();
		this.received.add(new Received(method, path, exchange.getRequestHeaders(), body));
		Deque<Reply> queued = this.replies.get(method + " " + path);
		Reply reply = (queued != null && !queued.isEmpty()) ? queued.removeFirst() : new Reply(404, NOT_FOUND);
		send(exchange, reply);
	}

	private static void send(HttpExchange exchange, Reply reply) throws IOException {
		byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
		if (!reply.body().isEmpty()) {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
		}
		exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	record Received(String method, String path, Headers headers, String body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

	}

	private record Reply(int status, String body) {
	}

}
