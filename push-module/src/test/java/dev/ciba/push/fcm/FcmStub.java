package dev.ciba.push.fcm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for fcm.googleapis.com on 127.0.0.1: it records each request and
 * answers with the status and body it was told to.
 */
final class FcmStub implements AutoCloseable {

	private final HttpServer server;

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private volatile String responseBody = "{\"name\":\"projects/p/messages/1\"}";

	FcmStub() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	void answer(int status, String body) {
		this.status = status;
		this.responseBody = body;
	}

	List<Request> requests() {
		return this.requests;
	}

	/**
	 * A transport that sends every request to this stub instead of the host in the URL.
	 */
	NetHttpTransport transport() {
		int port = this.server.getAddress().getPort();
		return new NetHttpTransport.Builder()
			.setConnectionFactory((url) -> (HttpURLConnection) URI.create("http://127.0.0.1:" + port + url.getFile())
				.toURL()
				.openConnection())
			.build();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Authorization"),
					new String(in.readAllBytes(), StandardCharsets.UTF_8)));
		}
		byte[] body = this.responseBody.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
		exchange.sendResponseHeaders(this.status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Request(String method, String path, String authorization, String body) {
	}

}
