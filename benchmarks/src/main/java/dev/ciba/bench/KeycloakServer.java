package dev.ciba.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Keycloak under test, configured by {@code benchmarks/keycloak/configure-realm.sh}.
 * <p>
 * Keycloak hands each CIBA request to an HTTP "authentication channel" and learns the
 * customer's decision from a callback. This class is that channel's stub: it listens on
 * 127.0.0.1, answers Keycloak's channel request with 201 and keeps the bearer token that
 * came with it, keyed by the binding message. The load thread that made the request then
 * plays the approving device: it posts {@code {"status":"SUCCEED"}} with that token to
 * Keycloak's callback endpoint, and then redeems. No device key is involved on this side;
 * Keycloak has no device protocol of its own.
 */
final class KeycloakServer implements AutoCloseable {

	private static final long CHANNEL_TIMEOUT_MILLIS = 10_000;

	/**
	 * Keycloak calls the channel before it stores the request and commits it only when
	 * the backchannel request ends, so a callback can come too early and get 403; it is
	 * retried after 2, 4, 8 ... ms, as often as this.
	 */
	private static final int CALLBACK_TRIES = 12;

	private final ConcurrentMap<String, CompletableFuture<String>> channelTokens = new ConcurrentHashMap<>();

	private final HttpServer stub;

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final String host;

	private final int port;

	private final String realmPath;

	private final ClientCredentials client;

	private final int users;

	KeycloakServer(String baseUrl, String realm, ClientCredentials client, int users, int stubPort) throws IOException {
		URI uri = URI.create(baseUrl);
		this.host = uri.getHost();
		this.port = uri.getPort();
		this.realmPath = "/realms/" + realm + "/protocol/openid-connect";
		this.client = client;
		this.users = users;
		this.stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), stubPort), 256);
		this.stub.createContext("/request", this::channelRequest);
		this.stub.setExecutor(this.executor);
		this.stub.start();
	}

	static String username(int index) {
		return "bench-user-" + index;
	}

	private void channelRequest(HttpExchange exchange) throws IOException {
		try (InputStream body = exchange.getRequestBody()) {
			String json = new String(body.readAllBytes(), StandardCharsets.UTF_8);
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			String bindingMessage = JsonText.field(json, "binding_message");
			if (authorization == null || !authorization.startsWith("Bearer ") || bindingMessage == null) {
				exchange.sendResponseHeaders(400, -1);
				return;
			}
			channelToken(bindingMessage).complete(authorization.substring("Bearer ".length()));
			exchange.sendResponseHeaders(201, -1);
		}
		finally {
			exchange.close();
		}
	}

	private CompletableFuture<String> channelToken(String bindingMessage) {
		return this.channelTokens.computeIfAbsent(bindingMessage, (key) -> new CompletableFuture<>());
	}

	private String awaitChannelToken(String bindingMessage) throws Exception {
		try {
			return channelToken(bindingMessage).get(CHANNEL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new FlowFailure("channel request not received");
		}
		finally {
			this.channelTokens.remove(bindingMessage);
		}
	}

	/**
	 * A worker for thread {@code index}, on user
	 * {@code bench-user-<index mod users + 1>}.
	 */
	Worker worker(int index) {
		return new ChannelWorker(new HttpConnection(this.host, this.port), username(index % this.users + 1));
	}

	@Override
	public void close() {
		this.stub.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * One thread's client and approving stub. Steps: {@code backchannel},
	 * {@code device_answer} (the callback, with its retries), {@code token}.
	 */
	private final class ChannelWorker implements Worker {

		private final HttpConnection http;

		private final String username;

		private final String[] clientHeaders;

		ChannelWorker(HttpConnection http, String username) {
			this.http = http;
			this.username = username;
			this.clientHeaders = new String[] { KeycloakServer.this.client.basicHeader() };
		}

		@Override
		public void flow(long sequence, Recorder recorder) throws Exception {
			String bindingMessage = "bench-" + sequence;
			long start = System.nanoTime();
			String authReqId = backchannel(bindingMessage);
			long at = recorder.step("backchannel", start);

			String channelToken = awaitChannelToken(bindingMessage);
			approve(channelToken, recorder);
			at = recorder.step("device_answer", at);

			HttpConnection.Response tokens = redeem(authReqId);
			if (tokens.status() == 400 && "authorization_pending".equals(JsonText.field(tokens.body(), "error"))) {
				// The approval is not visible yet: wait the interval (1 s) as a client
				// must.
				recorder.count("token authorization_pending, polled again after 1 s");
				LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
				tokens = redeem(authReqId);
			}
			if (tokens.status() != 200 || JsonText.field(tokens.body(), "access_token") == null) {
				throw FlowFailure.of("token", tokens);
			}
			long end = recorder.step("token", at);
			recorder.latencies("flow").record(end - start);
			recorder.completed();
		}

		private void approve(String channelToken, Recorder recorder) throws IOException, FlowFailure {
			long backoffNanos = TimeUnit.MILLISECONDS.toNanos(2);
			for (int attempt = 1;; attempt++) {
				HttpConnection.Response answer = this.http.send("POST",
						KeycloakServer.this.realmPath + "/ext/ciba/auth/callback",
						new String[] { "Authorization: Bearer " + channelToken }, "application/json",
						"{\"status\":\"SUCCEED\"}");
				if (answer.status() / 100 == 2) {
					return;
				}
				if (answer.status() != 403 || attempt == CALLBACK_TRIES) {
					throw FlowFailure.of("device_answer", answer);
				}
				recorder.count("device_answer retried after 403");
				LockSupport.parkNanos(backoffNanos);
				backoffNanos = Math.min(backoffNanos * 2, TimeUnit.MILLISECONDS.toNanos(100));
			}
		}

		private String backchannel(String bindingMessage) throws IOException, FlowFailure {
			String form = "scope=openid&login_hint=" + ClientCredentials.encode(this.username) + "&binding_message="
					+ ClientCredentials.encode(bindingMessage);
			HttpConnection.Response response = this.http.send("POST", KeycloakServer.this.realmPath + "/ext/ciba/auth",
					this.clientHeaders, ClientCredentials.FORM, form);
			String authReqId = JsonText.field(response.body(), "auth_req_id");
			if (response.status() != 200 || authReqId == null) {
				throw FlowFailure.of("backchannel", response);
			}
			return authReqId;
		}

		private HttpConnection.Response redeem(String authReqId) throws IOException {
			return this.http.send("POST", KeycloakServer.this.realmPath + "/token", this.clientHeaders,
					ClientCredentials.FORM, ClientCredentials.tokenForm(authReqId));
		}

		@Override
		public String startPending(long sequence) throws Exception {
			String bindingMessage = "bench-storm-" + sequence;
			String authReqId = backchannel(bindingMessage);
			// Take the channel token and drop it: nobody answers this request.
			awaitChannelToken(bindingMessage);
			return authReqId;
		}

		@Override
		public String poll(String authReqId) throws Exception {
			HttpConnection.Response response = redeem(authReqId);
			String error = JsonText.field(response.body(), "error");
			return (error != null) ? error : (response.status() == 200) ? "tokens" : "status " + response.status();
		}

		@Override
		public void close() {
			this.http.close();
		}

	}

}
