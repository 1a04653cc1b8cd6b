package dev.ciba.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The ping client's notification endpoint, on 127.0.0.1: notes when the ping for each
 * {@code auth_req_id} arrived ({@link System#nanoTime()}) and answers 204. The ping
 * client of {@link BenchConfig} is registered with this address, which the server accepts
 * only with {@code ciba.delivery.allow-insecure-endpoints=true}.
 */
final class PingReceiver implements AutoCloseable {

	private final ConcurrentMap<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	PingReceiver(int port) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
		this.server.createContext("/ping", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	private void handle(HttpExchange exchange) throws IOException {
		long arrived = System.nanoTime();
		try (InputStream body = exchange.getRequestBody()) {
			String json = new String(body.readAllBytes(), StandardCharsets.UTF_8);
			String authReqId = JsonText.field(json, "auth_req_id");
			if (authReqId != null) {
				future(authReqId).complete(arrived);
			}
			exchange.sendResponseHeaders((authReqId != null) ? 204 : 400, -1);
		}
		finally {
			exchange.close();
		}
	}

	private CompletableFuture<Long> future(String authReqId) {
		return this.arrivals.computeIfAbsent(authReqId, (key) -> new CompletableFuture<>());
	}

	/**
	 * Waits for the ping of a request.
	 * @return when it arrived, in {@link System#nanoTime()} units
	 */
	long await(String authReqId, long timeoutMillis) throws Exception {
		try {
			return future(authReqId).get(timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new FlowFailure("ping not received within " + timeoutMillis + " ms");
		}
		finally {
			this.arrivals.remove(authReqId);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
