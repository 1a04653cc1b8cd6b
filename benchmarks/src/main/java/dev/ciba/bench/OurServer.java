package dev.ciba.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ciba.simulator.Decision;
import dev.ciba.simulator.DiscoveryData;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import org.jspecify.annotations.Nullable;

/**
 * Our server under test. Each customer {@code bench-<n>} (seeded by {@link BenchConfig})
 * gets one phone, registered as a customer does it: portal login, the QR code's discovery
 * data, then the device simulator's registration with a fresh key. The phone is then
 * played for real: it pulls its pending requests with a signed token and signs its answer
 * with its private key, which the server verifies against the registered public key.
 */
final class OurServer {

	static final String PASSWORD = "bench-customer-password";

	static final ClientCredentials POLL_CLIENT = new ClientCredentials("bench-poll",
			"bench-poll-client-secret-0123456789abcdef");

	static final ClientCredentials PING_CLIENT = new ClientCredentials("bench-ping",
			"bench-ping-client-secret-0123456789abcdef");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String baseUrl;

	private final String host;

	private final int port;

	private final KeyType keyType;

	private final List<Phone> phones = new ArrayList<>();

	OurServer(String baseUrl, KeyType keyType) {
		URI uri = URI.create(baseUrl);
		this.baseUrl = baseUrl;
		this.host = uri.getHost();
		this.port = uri.getPort();
		this.keyType = keyType;
	}

	static String username(int index) {
		return "bench-" + index;
	}

	/**
	 * Registers one phone for each of the customers {@code bench-1} to
	 * {@code bench-<customers>}.
	 */
	void registerPhones(int customers) throws IOException {
		HttpClient phoneHttp = Phone.newHttpClient();
		for (int i = 1; i <= customers; i++) {
			DiscoveryData data = discoveryData(username(i));
			this.phones.add(Phone.register(data, "Bench phone " + i, this.keyType, phoneHttp));
		}
	}

	private DiscoveryData discoveryData(String username) throws IOException {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpResponse<String> loginPage = send(browser, HttpRequest.newBuilder(uri("/portal/login")).GET());
		Matcher csrf = CSRF.matcher(loginPage.body());
		if (!csrf.find()) {
			throw new IOException("the portal's login page has no CSRF token");
		}
		String form = "username=" + ClientCredentials.encode(username) + "&password="
				+ ClientCredentials.encode(PASSWORD) + "&_csrf=" + ClientCredentials.encode(csrf.group(1));
		HttpResponse<String> login = send(browser,
				HttpRequest.newBuilder(uri("/portal/login"))
					.header("Content-Type", ClientCredentials.FORM)
					.POST(HttpRequest.BodyPublishers.ofString(form)));
		if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
			throw new IOException("portal login of " + username + " failed with " + login.statusCode());
		}
		HttpResponse<String> discovery = send(browser,
				HttpRequest.newBuilder(uri("/t/default/api/users/v1/me/push/discovery-data")).GET());
		if (discovery.statusCode() != 200) {
			throw new IOException("discovery data for " + username + ": " + discovery.statusCode());
		}
		return DiscoveryData.parse(discovery.body());
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) throws IOException {
		try {
			return http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while registering phones");
		}
	}

	/**
	 * A poll-mode worker for thread {@code index}, on customer
	 * {@code bench-<index mod customers + 1>}.
	 */
	Worker pollWorker(int index) {
		Phone phone = this.phones.get(index % this.phones.size());
		return new PhoneWorker(new HttpConnection(this.host, this.port), phone, POLL_CLIENT, null);
	}

	/**
	 * A ping-mode worker: the same flow with the ping client, waiting for the ping after
	 * the device's answer before it redeems.
	 */
	Worker pingWorker(int index, PingReceiver receiver) {
		Phone phone = this.phones.get(index % this.phones.size());
		return new PhoneWorker(new HttpConnection(this.host, this.port), phone, PING_CLIENT, receiver);
	}

	/**
	 * One thread's client and phone. Steps: {@code backchannel} (the client's request),
	 * {@code device_pull} (the phone fetches its pending requests), {@code device_answer}
	 * (the phone posts its signed approval), {@code token} (the client redeems); in ping
	 * mode also {@code answer_to_ping} (from just before the answer is sent until the
	 * ping arrived). {@code device_signing} is the phone's own work (signing the pull
	 * token and the answer), done by the load generator and left out of the steps.
	 */
	private static final class PhoneWorker implements Worker {

		private static final long PING_TIMEOUT_MILLIS = 10_000;

		private final HttpConnection http;

		private final Phone phone;

		private final ClientCredentials client;

		private final String[] clientHeaders;

		private final @Nullable PingReceiver pings;

		private final String username;

		PhoneWorker(HttpConnection http, Phone phone, ClientCredentials client, @Nullable PingReceiver pings) {
			this.http = http;
			this.phone = phone;
			this.client = client;
			this.clientHeaders = new String[] { client.basicHeader() };
			this.pings = pings;
			this.username = phone.username();
		}

		@Override
		public void flow(long sequence, Recorder recorder) throws Exception {
			String bindingMessage = "bench-" + sequence;
			long start = System.nanoTime();
			String authReqId = backchannel(bindingMessage);
			long at = recorder.step("backchannel", start);

			String pullToken = this.phone.signJwt(this.phone.pendingClaims());
			long signed = recorder.step("device_signing", at);
			HttpConnection.Response pulled = this.http.send("GET", "/t/default/push-auth/pending",
					new String[] { "Authorization: Bearer " + pullToken }, null, null);
			if (pulled.status() != 200) {
				throw FlowFailure.of("device_pull", pulled);
			}
			PendingRequest request = find(PendingRequest.parseList(pulled.body()), bindingMessage);
			at = recorder.step("device_pull", signed);

			String answer = this.phone.signJwt(this.phone.answerClaims(request, Decision.APPROVED));
			signed = recorder.step("device_signing", at);
			HttpConnection.Response answered = this.http.send("POST",
					this.phone.answerPath(request) + "/push-auth/authenticate", new String[0], "application/json",
					"{\"authResponse\":\"" + answer + "\"}");
			if (answered.status() != 200) {
				throw FlowFailure.of("device_answer", answered);
			}
			at = recorder.step("device_answer", signed);

			if (this.pings != null) {
				long pinged = this.pings.await(authReqId, PING_TIMEOUT_MILLIS);
				recorder.latencies("answer_to_ping").record(pinged - signed);
				at = System.nanoTime();
			}
			HttpConnection.Response tokens = this.http.send("POST", "/oauth2/token", this.clientHeaders,
					ClientCredentials.FORM, ClientCredentials.tokenForm(authReqId));
			if (tokens.status() != 200 || JsonText.field(tokens.body(), "access_token") == null) {
				throw FlowFailure.of("token", tokens);
			}
			long end = recorder.step("token", at);
			if (this.pings != null) {
				recorder.latencies("answer_to_tokens").record(end - signed);
			}
			recorder.latencies("flow").record(end - start);
			recorder.completed();
		}

		private String backchannel(String bindingMessage) throws IOException, FlowFailure {
			StringBuilder form = new StringBuilder(128).append("scope=openid&login_hint=")
				.append(ClientCredentials.encode(this.username))
				.append("&binding_message=")
				.append(ClientCredentials.encode(bindingMessage))
				.append("&requested_expiry=600");
			if (this.pings != null) {
				form.append("&client_notification_token=bench-notification-").append(bindingMessage);
			}
			HttpConnection.Response response = this.http.send("POST", "/oauth2/bc-authorize", this.clientHeaders,
					ClientCredentials.FORM, form.toString());
			String authReqId = JsonText.field(response.body(), "auth_req_id");
			if (response.status() != 200 || authReqId == null) {
				throw FlowFailure.of("backchannel", response);
			}
			return authReqId;
		}

		private static PendingRequest find(List<PendingRequest> pending, String bindingMessage) throws FlowFailure {
			for (PendingRequest request : pending) {
				if (bindingMessage.equals(request.bindingMessage())) {
					return request;
				}
			}
			throw new FlowFailure("device_pull request not in the pending list");
		}

		@Override
		public String startPending(long sequence) throws Exception {
			return backchannel("bench-storm-" + sequence);
		}

		@Override
		public String poll(String authReqId) throws Exception {
			HttpConnection.Response response = this.http.send("POST", "/oauth2/token", this.clientHeaders,
					ClientCredentials.FORM, ClientCredentials.tokenForm(authReqId));
			String error = JsonText.field(response.body(), "error");
			return (error != null) ? error : (response.status() == 200) ? "tokens" : "status " + response.status();
		}

		@Override
		public void close() {
			this.http.close();
		}

	}

}
