package dev.ciba.server;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operator console over HTTP: who may see it, the client form with the registration's
 * checks, secrets shown once, CSRF on every change, disabling a customer and retrying a
 * delivery.
 */
class ConsoleIntegrationTests extends CustomerFlowIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Pattern SECRET = Pattern.compile("<code id=\"client-secret\">([^<]+)</code>");

	private static final String MARKUP_NAME = "<b>bold</b><script>alert(1)</script>";

	@Autowired
	private RegisteredClientRepository clients;

	@Test
	void consoleWhenAnonymousThenTheLoginPageAndNothingElse() throws Exception {
		ConsoleSession anonymous = ConsoleSession.anonymous(url(""));

		HttpResponse<String> clientsPage = anonymous.get("/console/clients");
		HttpResponse<String> login = anonymous.get("/console/login");

		assertThat(clientsPage.statusCode()).isEqualTo(302);
		assertThat(clientsPage.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/console/login"));
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("id=\"login-form\"", "name=\"_csrf\"", "<html lang=\"en");
		assertThat(login.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'self'"));
	}

	@Test
	void consoleWhenBrowserAsksForGermanThenThePageIsGerman() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));

		String login = ConsoleSession.anonymous(url("")).get("/console/login", "de-DE,de;q=0.9").body();
		String customers = operator.get("/console/customers", "de").body();

		assertThat(login).contains("<html lang=\"de", "Anmeldung für Betreiber");
		assertThat(customers).contains("<html lang=\"de", "Kunden", "Benutzername oder E-Mail-Adresse");
	}

	@Test
	void consoleWhenCustomerIsLoggedInToThePortalThen403AndNoPage() throws Exception {
		Customer customer = newCustomer();
		ConsoleSession portal = ConsoleSession.anonymous(url(""));
		HttpResponse<String> login = portal.logIn("/portal/login", customer.username(),
				CustomerFlowIntegrationTest.PASSWORD);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/portal/devices"));

		HttpResponse<String> clientsPage = portal.get("/console/clients");
		HttpResponse<String> customerPage = portal.get("/console/customers/" + customer.id());

		assertThat(clientsPage.statusCode()).isEqualTo(403);
		assertThat(clientsPage.body()).contains("id=\"error-heading\"", "Access denied")
			.doesNotContain("clients-table", "Exception", "at dev.ciba");
		assertThat(customerPage.statusCode()).isEqualTo(403);
		assertThat(portal.get("/portal/devices").statusCode()).isEqualTo(200);
	}

	@Test
	void loginWhenCredentialsOfTheOtherKindThenRefused() throws Exception {
		Customer customer = newCustomer();

		HttpResponse<String> customerAtConsole = ConsoleSession.anonymous(url(""))
			.logIn("/console/login", customer.username(), CustomerFlowIntegrationTest.PASSWORD);
		HttpResponse<String> operatorAtPortal = ConsoleSession.anonymous(url(""))
			.logIn("/portal/login", ConsoleSession.OPERATOR, ConsoleSession.OPERATOR_PASSWORD);

		assertThat(customerAtConsole.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/console/login?error"));
		assertThat(operatorAtPortal.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/portal/login?error"));
	}

	@Test
	void portalWhenOperatorIsLoggedInThen403() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));

		assertThat(operator.get("/portal/devices").statusCode()).isEqualTo(403);
		assertThat(operator.get("/console/clients").statusCode()).isEqualTo(200);
	}

	@Test
	void createWhenPingClientIsValidThenTheSecretIsShownOnceAndWorksForAWholeFlow() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));
		String endpoint = NotificationReceiver.shared().baseUrl() + "/console-ping";

		HttpResponse<String> created = operator.post("/console/clients", pingClientForm(MARKUP_NAME, endpoint),
				"/console/clients/new");
		assertThat(created.statusCode()).isEqualTo(302);
		String location = created.headers().firstValue("Location").orElseThrow();
		String clientId = location.substring(location.lastIndexOf('/') + 1);
		String page = operator.get("/console/clients/" + clientId).body();
		String secret = secretOn(page);
		String again = operator.get("/console/clients/" + clientId).body();

		assertThat(page).contains("&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>alert(1)</script>");
		assertThat(again).doesNotContain(secret).doesNotContain("id=\"client-secret\"");
		RegisteredClient client = this.clients.findByClientId(clientId);
		assertThat(client.getClientName()).isEqualTo(MARKUP_NAME);
		assertThat(client.getClientSecret()).startsWith("{sha256}").doesNotContain(secret);
		assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofSeconds(600));
		assertThat(client.getClientSettings().<String>getSetting("backchannel_token_delivery_mode")).isEqualTo("ping");
		assertThat(operator.get("/console/clients").body())
			.contains("&lt;b&gt;bold&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;");

		Phone phone = registerPhone(newCustomer());
		String token = "cnt-" + UUID.randomUUID();
		CibaTestClient ciba = new CibaTestClient(url(""));
		Answer started = ciba.backchannel(clientId, secret, CibaTestClient
			.form(Map.of("scope", "openid", "login_hint", phone.username(), "client_notification_token", token)));
		assertThat(started.status()).isEqualTo(200);
		String authReqId = started.json().path("auth_req_id").asString();
		phone.approve(phone.pending().get(0));
		List<NotificationReceiver.Call> pings = NotificationReceiver.shared().awaitCalls(token, 1, WAIT);
		Answer tokens = ciba.token(clientId, secret, authReqId);

		assertThat(pings.get(0).path()).isEqualTo("/console-ping");
		assertThat(pings.get(0).body()).isEqualTo("{\"auth_req_id\":\"" + authReqId + "\"}");
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.json().path("expires_in").asInt()).isBetween(590, 600);
	}

	@Test
	void createWhenMetadataBreaksARegistrationRuleThenTheFieldShowsItAndNothingIsStored() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));
		int before = count("oauth2_registered_client");
		Map<String, String> noEndpoint = pingClientForm("No endpoint", "");
		Map<String, String> badLifetime = pingClientForm("Short tokens", "https://client.example/cb");
		badLifetime.put("accessTokenLifetime", "10");
		Map<String, String> badName = pingClientForm("Bad\u0007name", "https://client.example/cb");
		Map<String, String> notJson = pingClientForm("Keys", "https://client.example/cb");
		notJson.put("jwks", "not json");
		Map<String, String> noOpenid = pingClientForm("No openid", "https://client.example/cb");
		noOpenid.put("scope", "profile");

		HttpResponse<String> first = operator.post("/console/clients", noEndpoint, "/console/clients/new");
		HttpResponse<String> second = operator.post("/console/clients", badLifetime, "/console/clients/new");
		HttpResponse<String> third = operator.post("/console/clients", badName, "/console/clients/new");
		HttpResponse<String> fourth = operator.post("/console/clients", notJson, "/console/clients/new");
		HttpResponse<String> fifth = operator.post("/console/clients", noOpenid, "/console/clients/new");

		assertThat(List.of(first, second, third, fourth, fifth)).extracting(HttpResponse::statusCode).containsOnly(400);
		assertThat(first.body()).contains("id=\"notificationEndpoint-error\"",
				"backchannel_client_notification_endpoint is required for ping and push clients",
				"aria-invalid=\"true\"");
		assertThat(second.body()).contains("id=\"accessTokenLifetime-error\"");
		assertThat(third.body()).contains("id=\"clientName-error\"");
		assertThat(fourth.body()).contains("id=\"jwks-error\"", "jwks must be a JSON object");
		assertThat(fifth.body()).contains("id=\"scope-error\"", "scope must include openid");
		assertThat(count("oauth2_registered_client")).isEqualTo(before);
	}

	@Test
	void editWhenSavedThenNewRequestsSeeTheChangeAndTheSecretStays() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));
		HttpResponse<String> created = operator.post("/console/clients",
				pingClientForm("Editable", "https://client.example/cb"), "/console/clients/new");
		String location = created.headers().firstValue("Location").orElseThrow();
		String clientId = location.substring(location.lastIndexOf('/') + 1);
		String secret = secretOn(operator.get(location.substring(location.indexOf("/console"))).body());
		Map<String, String> poll = pingClientForm("Edited", "");
		poll.put("deliveryMode", "poll");
		poll.put("allowedHints", "login_hint");
		poll.put("numberMatchingRequired", "true");

		HttpResponse<String> saved = operator.post("/console/clients/" + clientId, poll,
				"/console/clients/" + clientId);

		assertThat(saved.statusCode()).isEqualTo(302);
		RegisteredClient client = this.clients.findByClientId(clientId);
		assertThat(client.getClientName()).isEqualTo("Edited");
		assertThat(client.getClientSettings().<String>getSetting("backchannel_token_delivery_mode")).isEqualTo("poll");
		assertThat(client.getClientSettings().<Boolean>getSetting("number_matching_required")).isTrue();
		assertThat(client.getClientSettings().<String>getSetting("allowed_hints")).isEqualTo("login_hint");
		Answer refusedHint = new CibaTestClient(url("")).backchannel(clientId, secret,
				CibaTestClient.form(Map.of("scope", "openid", "id_token_hint", "x.y.z")));
		assertThat(refusedHint.status()).isEqualTo(400);
	}

	@Test
	void editWhenAFieldIsRepeatedThen400AndNothingChangesButTheHintCheckboxesMayRepeat() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));
		HttpResponse<String> created = operator.post("/console/clients",
				pingClientForm("Repeated", "https://client.example/cb"), "/console/clients/new");
		String location = created.headers().firstValue("Location").orElseThrow();
		String clientId = location.substring(location.lastIndexOf('/') + 1);
		String page = "/console/clients/" + clientId;
		String form = CibaTestClient.form(pingClientForm("a", "https://client.example/cb"));

		HttpResponse<String> repeated = operator.postEncoded(page, form + "&clientName=b", page);
		String name = this.clients.findByClientId(clientId).getClientName();
		HttpResponse<String> hints = operator.postEncoded(page,
				CibaTestClient.form(pingClientForm("Two hints", "https://client.example/cb"))
						+ "&allowedHints=id_token_hint&_allowedHints=on",
				page);

		assertThat(repeated.statusCode()).isEqualTo(400);
		assertThat(repeated.body()).contains("id=\"error-heading\"");
		assertThat(name).isEqualTo("Repeated");
		assertThat(hints.statusCode()).isEqualTo(302);
		RegisteredClient client = this.clients.findByClientId(clientId);
		assertThat(client.getClientName()).isEqualTo("Two hints");
		assertThat(client.getClientSettings().<String>getSetting("allowed_hints"))
			.isEqualTo("login_hint id_token_hint");
	}

	@Test
	void editWhenFieldsAreMissingOrAHintIsUnknownThenRefusedAndTheClientIsUnchanged() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));
		Map<String, String> strict = pingClientForm("Strict", "https://client.example/cb");
		strict.put("numberMatchingRequired", "true");
		strict.put("accessTokenLifetime", "120");
		HttpResponse<String> created = operator.post("/console/clients", strict, "/console/clients/new");
		String location = created.headers().firstValue("Location").orElseThrow();
		String clientId = location.substring(location.lastIndexOf('/') + 1);
		String page = "/console/clients/" + clientId;
		Map<String, String> withoutHints = new LinkedHashMap<>(strict);
		withoutHints.remove("allowedHints");
		withoutHints.remove("_allowedHints");
		Map<String, String> evilHint = new LinkedHashMap<>(strict);
		evilHint.put("clientName", "Loosened");
		evilHint.put("allowedHints", "evil_hint");

		HttpResponse<String> empty = operator.post(page, Map.of(), page);
		HttpResponse<String> noHints = operator.post(page, withoutHints, page);
		HttpResponse<String> unknown = operator.post(page, evilHint, page);

		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("id=\"error-heading\"");
		assertThat(noHints.statusCode()).isEqualTo(400);
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.body()).contains("id=\"allowedHints-error\"",
				"Only the hint types listed here can be allowed.");
		RegisteredClient client = this.clients.findByClientId(clientId);
		assertThat(client.getClientName()).isEqualTo("Strict");
		assertThat(client.getScopes()).containsExactlyInAnyOrder("openid", "profile");
		assertThat(client.getClientSettings().<String>getSetting("allowed_hints")).isEqualTo("login_hint");
		assertThat(client.getClientSettings().<Boolean>getSetting("number_matching_required")).isTrue();
		assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void loginWhenTenFailuresInAWindowThenRefusedEvenWithTheRightPasswordUntilTheWindowEnds() throws Exception {
		// The test clock starts over for each test, so the shared operator's failures are
		// removed at the end: the other tests log in as that operator.
		try {
			for (int i = 0; i < 10; i++) {
				HttpResponse<String> failed = ConsoleSession.anonymous(url(""))
					.logIn("/console/login", ConsoleSession.OPERATOR, "wrong-password");
				assertThat(failed.headers().firstValue("Location"))
					.hasValueSatisfying((location) -> assertThat(location).endsWith("/console/login?error"));
			}

			HttpResponse<String> refused = ConsoleSession.anonymous(url(""))
				.logIn("/console/login", ConsoleSession.OPERATOR, ConsoleSession.OPERATOR_PASSWORD);

			assertThat(refused.headers().firstValue("Location"))
				.hasValueSatisfying((location) -> assertThat(location).endsWith("/console/login?error"));
			this.clock.advance(Duration.ofMinutes(15));
			assertThat(ConsoleSession.operator(url("")).get("/console/clients").statusCode()).isEqualTo(200);
		}
		finally {
			this.jdbc.sql("DELETE FROM rate_limit WHERE bucket = 'console-login'").update();
		}
	}

	@Test
	void rotateWhenPostedThenTheOldSecretStopsAndTheNewOneIsShownOnce() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));
		HttpResponse<String> created = operator.post("/console/clients",
				pingClientForm("Rotating", "https://client.example/cb"), "/console/clients/new");
		String location = created.headers().firstValue("Location").orElseThrow();
		String clientId = location.substring(location.lastIndexOf('/') + 1);
		String oldSecret = secretOn(operator.get("/console/clients/" + clientId).body());

		HttpResponse<String> rotated = operator.post("/console/clients/" + clientId + "/secret", Map.of(),
				"/console/clients/" + clientId);
		String newSecret = secretOn(operator.get("/console/clients/" + clientId).body());

		assertThat(rotated.statusCode()).isEqualTo(302);
		assertThat(newSecret).isNotEqualTo(oldSecret);
		CibaTestClient ciba = new CibaTestClient(url(""));
		String form = CibaTestClient.form(Map.of("scope", "openid", "login_hint", "nobody-" + UUID.randomUUID(),
				"client_notification_token", "t-" + UUID.randomUUID()));
		assertThat(ciba.backchannel(clientId, oldSecret, form).status()).isEqualTo(401);
		assertThat(ciba.backchannel(clientId, newSecret, form).error()).isEqualTo("unknown_user_id");
	}

	@Test
	void postWhenCsrfTokenIsMissingThen403AndNothingChanges() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));
		Customer customer = newCustomer();
		int clientsBefore = count("oauth2_registered_client");
		String demoSecretHash = this.clients.findByClientId(CibaTestClient.DEMO_CLIENT).getClientSecret();
		Map<String, String> paths = new LinkedHashMap<>();
		paths.put("/console/clients", "create");
		paths.put("/console/clients/" + CibaTestClient.DEMO_CLIENT, "update");
		paths.put("/console/clients/" + CibaTestClient.DEMO_CLIENT + "/secret", "rotate");
		paths.put("/console/customers/" + customer.id() + "/disable", "disable");
		paths.put("/console/customers/" + customer.id() + "/enable", "enable");
		paths.put("/console/deliveries/client/1/retry", "retry");
		paths.put("/console/deliveries/push/1/retry", "retry");
		paths.put("/console/logout", "logout");
		paths.put("/console/login", "login");

		Map<String, Integer> statuses = new HashMap<>();
		for (String path : paths.keySet()) {
			statuses.put(path,
					operator.post(path, pingClientForm("No token", "https://client.example/cb"), null).statusCode());
		}

		assertThat(statuses).allSatisfy((path, status) -> assertThat(status).as(path).isEqualTo(403));
		assertThat(count("oauth2_registered_client")).isEqualTo(clientsBefore);
		RegisteredClient demo = this.clients.findByClientId(CibaTestClient.DEMO_CLIENT);
		assertThat(demo.getClientSecret()).isEqualTo(demoSecretHash);
		assertThat(demo.getClientName()).isEqualTo("Demo Bank Partner");
		assertThat(this.customers.findById(customer.id()).orElseThrow().enabled()).isTrue();
		assertThat(operator.get("/console/clients").statusCode()).isEqualTo(200);
	}

	@Test
	void disableWhenCustomerHasAPendingRequestThenItEndsAndNewRequestsAreRefused() throws Exception {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		CibaTestClient ciba = new CibaTestClient(url(""));
		String form = CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username()));
		Answer started = ciba.backchannel(form);
		String authReqId = started.json().path("auth_req_id").asString();
		assertThat(phone.pending()).hasSize(1);
		ConsoleSession operator = ConsoleSession.operator(url(""));
		String page = "/console/customers/" + customer.id();

		HttpResponse<String> disabled = operator.post(page + "/disable", Map.of(), page);

		assertThat(disabled.statusCode()).isEqualTo(302);
		assertThat(operator.get(page).body()).contains("id=\"disabled-message\"", "1 pending request(s) ended",
				"id=\"enable-customer\"");
		assertThat(this.customers.findById(customer.id()).orElseThrow().enabled()).isFalse();
		assertThat(ciba.token(authReqId).error()).isEqualTo("access_denied");
		assertThat(ciba.backchannel(form).error()).isEqualTo("unknown_user_id");
		assertThat(phone.pending()).isEmpty();
		assertThat(this.jdbc.sql("SELECT outcome, answered_at IS NOT NULL FROM customer_activity WHERE customer_id = ?")
			.param(customer.id())
			.query((rs, row) -> rs.getString(1) + "/" + rs.getBoolean(2))
			.list()).containsExactly("DENIED/true");
		assertThat(this.jdbc.sql("""
				SELECT COUNT(*) FROM push_outbox o JOIN device d ON d.id = o.device_id
				WHERE d.customer_id = ? AND o.status = 'PENDING'""").param(customer.id()).query(Integer.class).single())
			.isZero();
		HttpResponse<String> portalLogin = ConsoleSession.anonymous(url(""))
			.logIn("/portal/login", customer.username(), CustomerFlowIntegrationTest.PASSWORD);
		assertThat(portalLogin.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/portal/login?error"));

		HttpResponse<String> enabled = operator.post(page + "/enable", Map.of(), page);
		assertThat(enabled.statusCode()).isEqualTo(302);
		assertThat(this.customers.findById(customer.id()).orElseThrow().enabled()).isTrue();
		assertThat(ciba.token(authReqId).error()).isEqualTo("access_denied");
		this.clock.advance(Duration.ofHours(1));
		assertThat(PortalSession.logIn(url(""), customer.username()).get("/portal/activity").body())
			.contains("outcome outcome-denied")
			.doesNotContain("outcome outcome-pending", "outcome outcome-expired");
	}

	@Test
	void searchWhenQueryIsAPrefixOrAnEmailInAnotherCaseThenTheCustomerIsFound() throws Exception {
		Customer customer = newCustomer();
		ConsoleSession operator = ConsoleSession.operator(url(""));

		String byPrefix = operator.get("/console/customers?q=" + customer.username().substring(0, 8)).body();
		String byEmail = operator.get("/console/customers?q=" + customer.email().toUpperCase()).body();
		String none = operator.get("/console/customers?q=nobody-" + UUID.randomUUID()).body();
		String detail = operator.get("/console/customers/" + customer.id()).body();

		assertThat(byPrefix).contains(customer.username());
		assertThat(byEmail).contains(customer.username());
		assertThat(none).contains("id=\"no-results\"");
		assertThat(detail).contains(customer.email(), "id=\"no-devices\"");
		assertThat(operator.get("/console/customers/unknown").statusCode()).isEqualTo(404);
	}

	@Test
	void retryWhenAPingWaitsForItsRetryThenItGoesOutAtOnce() throws Exception {
		Phone phone = registerPhone(newCustomer());
		String token = "cnt-" + UUID.randomUUID();
		NotificationReceiver.shared().script(token, 503, 204);
		CibaTestClient ciba = new CibaTestClient(url(""));
		Answer started = ciba.backchannel("ping-client", "ping-client-secret-0123456789abcdefgh", CibaTestClient
			.form(Map.of("scope", "openid", "login_hint", phone.username(), "client_notification_token", token)));
		assertThat(started.status()).isEqualTo(200);
		phone.approve(phone.pending().get(0));
		NotificationReceiver.shared().awaitCalls(token, 1, WAIT);
		long id = await().atMost(WAIT)
			.until(() -> this.jdbc
				.sql("SELECT id FROM client_notification WHERE status = 'DUE' AND attempts = 1 AND last_error = ?")
				.param("http_503")
				.query(Long.class)
				.optional(), (row) -> row.isPresent())
			.orElseThrow();
		ConsoleSession operator = ConsoleSession.operator(url(""));
		String page = operator.get("/console/deliveries").body();
		assertThat(page).contains("http_503", "id=\"retry-client-" + id + "\"").doesNotContain(token);

		HttpResponse<String> retried = operator.post("/console/deliveries/client/" + id + "/retry", Map.of(),
				"/console/deliveries");

		assertThat(retried.statusCode()).isEqualTo(302);
		assertThat(NotificationReceiver.shared().awaitCalls(token, 2, WAIT)).hasSize(2);
	}

	@Test
	void retryWhenAPhonePushFailedWhileItsRequestIsPendingThenItIsSentAgain() throws Exception {
		Customer customer = newCustomer();
		dev.ciba.push.api.DiscoveryData offered = this.registrations.open(customer.id());
		Phone phone = Phone.create(new dev.ciba.simulator.DiscoveryData(offered.deviceId(), offered.username(), url(""),
				offered.tenantDomain(), offered.challenge()), KeyType.EC, Phone.newHttpClient(), this.clock);
		assertThat(phone.register("Pushed phone", "Simulator", "push-token-" + UUID.randomUUID()).status())
			.isEqualTo(201);
		CibaTestClient ciba = new CibaTestClient(url(""));
		assertThat(ciba.backchannel(CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username())))
			.status()).isEqualTo(200);
		String sentStatus = "SELECT status FROM push_outbox WHERE device_id = ?";
		await().atMost(WAIT)
			.until(() -> this.jdbc.sql(sentStatus).param(phone.deviceId()).query(String.class).single(),
					"SENT"::equals);
		this.jdbc.sql("UPDATE push_outbox SET status = 'FAILED', last_error = 'unavailable' WHERE device_id = ?")
			.param(phone.deviceId())
			.update();
		long id = this.jdbc.sql("SELECT id FROM push_outbox WHERE device_id = ?")
			.param(phone.deviceId())
			.query(Long.class)
			.single();
		ConsoleSession operator = ConsoleSession.operator(url(""));
		assertThat(operator.get("/console/deliveries").body()).contains("id=\"retry-push-" + id + "\"", "unavailable",
				customer.username());

		HttpResponse<String> retried = operator.post("/console/deliveries/push/" + id + "/retry", Map.of(),
				"/console/deliveries");

		assertThat(retried.statusCode()).isEqualTo(302);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.jdbc.sql("SELECT status, attempts FROM push_outbox WHERE id = ?")
				.param(id)
				.query()
				.singleRow()).containsEntry("status", "SENT").containsEntry("attempts", 2));
		assertThat(operator.get("/console/deliveries").body()).doesNotContain("id=\"retry-push-" + id + "\"");
	}

	@Test
	void retryWhenTheRowCannotBeRetriedThenTheConsoleSaysSo() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));

		HttpResponse<String> retried = operator.post("/console/deliveries/client/999999999/retry", Map.of(),
				"/console/deliveries");

		assertThat(retried.statusCode()).isEqualTo(302);
		assertThat(operator.get("/console/deliveries").body()).contains("id=\"not-retried-message\"");
		assertThat(operator.get("/console/deliveries/client/1/retry").statusCode()).isEqualTo(405);
	}

	@Test
	void consolePagesWhenUnknownThenTheConsoleErrorPage() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));

		HttpResponse<String> client = operator.get("/console/clients/no-such-client");
		HttpResponse<String> badPage = operator.get("/console/clients?page=x");

		assertThat(client.statusCode()).isEqualTo(404);
		assertThat(client.body()).contains("id=\"error-heading\"").doesNotContain("Exception");
		assertThat(badPage.statusCode()).isEqualTo(400);
	}

	@Test
	void formsWhenAParameterHoldsANulCharacterThenTheConsolesHtml400Page() throws Exception {
		ConsoleSession operator = ConsoleSession.operator(url(""));
		Map<String, String> form = pingClientForm("Nul client", "https://client.example/cb");
		form.put("authorizationDetailsTypes", "a\0");

		HttpResponse<String> create = operator.post("/console/clients", form, "/console/clients/new");
		HttpResponse<String> login = ConsoleSession.anonymous(url(""))
			.logIn("/console/login", "operator\0", "password");

		for (HttpResponse<String> answer : List.of(create, login)) {
			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(answer.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(answer.body()).contains("id=\"error-heading\"").doesNotContain("invalid_request");
		}
		assertThat(this.jdbc.sql("SELECT count(*) FROM oauth2_registered_client WHERE client_name = 'Nul client'")
			.query(Integer.class)
			.single()).isZero();
	}

	private static Map<String, String> pingClientForm(String name, String endpoint) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("clientName", name);
		form.put("scope", "openid profile");
		form.put("deliveryMode", "ping");
		form.put("notificationEndpoint", endpoint);
		form.put("authenticationMethod", "client_secret_basic");
		form.put("clientAssertionSigningAlg", "");
		form.put("jwks", "");
		form.put("jwksUri", "");
		form.put("requestSigningAlg", "");
		form.put("authorizationDetailsTypes", "");
		form.put("accessTokenLifetime", "600");
		form.put("refreshTokenLifetime", "3600");
		form.put("allowedHints", "login_hint");
		// The hidden markers the page's checkboxes send, ticked or not.
		for (String checkbox : List.of("refreshToken", "userCodeParameter", "allowedHints", "numberMatchingRequired")) {
			form.put("_" + checkbox, "on");
		}
		return form;
	}

	private static String secretOn(String page) {
		Matcher matcher = SECRET.matcher(page);
		assertThat(matcher.find()).as("the secret shown once").isTrue();
		return matcher.group(1);
	}

}
