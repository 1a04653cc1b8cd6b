package dev.ciba.server;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ciba.portal.CustomerActivity;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.activity.CustomerActivityRepository;
import dev.ciba.server.activity.CustomerActivityRepository.NewEntry;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer portal's activity and grants pages on the whole server: what the CIBA
 * lifecycle records, revocation seen by introspection, and that one customer can neither
 * see nor touch another's data, nor change anything without a CSRF token.
 */
class PortalIntegrationTests extends CustomerFlowIntegrationTest {

	private static final String CLIENT = "refresh-client";

	private static final String SECRET = "refresh-client-secret-0123456789abcd";

	private static final Pattern REVOKE_ACTION = Pattern.compile("action=\"(/portal/grants/[^\"]+/revoke)\"");

	private static final String MARKUP_SECRET = "markup-client-secret-0123456789abcdef";

	@Autowired
	private RegisteredClientRepository clients;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@Autowired
	private CustomerActivityRepository activity;

	@Test
	void activityWhenRequestApprovedAndRedeemedThenListedWithDeviceAndOutcomeForItsCustomerOnly() throws Exception {
		Customer alice = newCustomer();
		Customer bob = newCustomer();
		Phone phone = registerPhone(alice);
		CibaTestClient client = new CibaTestClient(url(""));
		Answer started = client.backchannel(CLIENT, SECRET, CibaTestClient
			.form(Map.of("scope", "openid profile", "login_hint", alice.username(), "binding_message", "Order 42")));
		PortalSession alicePortal = PortalSession.logIn(url(""), alice.username());

		String pendingFragment = alicePortal.get("/portal/activity/pending").body();
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(client.token(CLIENT, SECRET, started.json().path("auth_req_id").asString()).status()).isEqualTo(200);
		HttpResponse<String> page = alicePortal.get("/portal/activity");
		HttpResponse<String> bobsPage = PortalSession.logIn(url(""), bob.username()).get("/portal/activity");

		assertThat(pendingFragment).startsWith("<section id=\"pending\"")
			.contains("Refreshing Partner", "Order 42", "pending");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("Refreshing Partner", "Order 42", "Confirm who you are",
				"Your name and profile", "Test phone", "outcome outcome-approved");
		assertThat(page.body()).contains("No request is waiting for your answer.");
		assertThat(bobsPage.body()).doesNotContain("Order 42", "Refreshing Partner")
			.contains("No partner has asked you to sign in yet.");
		assertThat(this.jdbc.sql("SELECT outcome, redeemed_at IS NOT NULL FROM customer_activity WHERE customer_id = ?")
			.param(alice.id())
			.query((rs, row) -> rs.getString(1) + "/" + rs.getBoolean(2))
			.list()).containsExactly("APPROVED/true");
	}

	@Test
	void activityWhenRequestNeverAnsweredThenShownExpiredOnceItsTimeIsUp() throws Exception {
		Customer alice = newCustomer();
		registerPhone(alice);
		CibaTestClient client = new CibaTestClient(url(""));
		assertThat(client
			.backchannel(CLIENT, SECRET,
					CibaTestClient.form(Map.of("scope", "openid", "login_hint", alice.username(), "binding_message",
							"Late one", "requested_expiry", "30")))
			.status()).isEqualTo(200);
		PortalSession portal = PortalSession.logIn(url(""), alice.username());

		this.clock.advance(Duration.ofSeconds(31));
		String page = portal.get("/portal/activity").body();

		assertThat(page).contains("Late one", "outcome outcome-expired")
			.doesNotContain("outcome outcome-pending")
			.contains("No request is waiting for your answer.");
	}

	@Test
	void revokeWhenOwnGrantThenIntrospectionSaysInactiveForAccessAndRefreshTokens() throws Exception {
		Customer alice = newCustomer();
		registerPhone(alice);
		CibaTestClient client = new CibaTestClient(url(""));
		Answer tokens = approvedTokens(client, alice, CLIENT);
		PortalSession portal = PortalSession.logIn(url(""), alice.username());
		String grants = portal.get("/portal/grants").body();
		String action = revokeAction(grants);

		HttpResponse<String> revoked = portal.post(action, "/portal/grants");

		assertThat(grants).contains("Refreshing Partner", CLIENT, "Confirm who you are");
		assertThat(revoked.statusCode()).isEqualTo(302);
		assertThat(introspect(client, tokens.json().path("access_token").asString())).isFalse();
		assertThat(introspect(client, tokens.json().path("refresh_token").asString())).isFalse();
		Answer refresh = client.post("/oauth2/token", CLIENT, SECRET, CibaTestClient.form(Map.of("grant_type",
				"refresh_token", "refresh_token", tokens.json().path("refresh_token").asString())));
		assertThat(refresh.status()).isEqualTo(400);
		assertThat(portal.get("/portal/grants").body()).doesNotContain("Refreshing Partner")
			.contains("No partner holds access for you.");
	}

	@Test
	void revokeWhenAnotherCustomersGrantThenNotFoundAndTokensStayActive() throws Exception {
		Customer alice = newCustomer();
		Customer bob = newCustomer();
		registerPhone(alice);
		CibaTestClient client = new CibaTestClient(url(""));
		Answer tokens = approvedTokens(client, alice, CLIENT);
		String action = revokeAction(PortalSession.logIn(url(""), alice.username()).get("/portal/grants").body());
		PortalSession bobsPortal = PortalSession.logIn(url(""), bob.username());

		HttpResponse<String> attempt = bobsPortal.post(action, "/portal/grants");

		assertThat(attempt.statusCode()).isEqualTo(404);
		assertThat(attempt.body()).contains("Page not found").doesNotContain("Exception");
		assertThat(introspect(client, tokens.json().path("access_token").asString())).isTrue();
		assertThat(introspect(client, tokens.json().path("refresh_token").asString())).isTrue();
		assertThat(bobsPortal.get("/portal/grants").body()).doesNotContain("Refreshing Partner");
	}

	@Test
	void devicesWhenAnotherCustomersDeviceIdInUrlOrFormThenNotFoundAndDeviceUnchanged() throws Exception {
		Customer alice = newCustomer();
		Customer bob = newCustomer();
		Phone alicesPhone = registerPhone(alice);
		String deviceId = alicesPhone.deviceId();
		PortalSession bobsPortal = PortalSession.logIn(url(""), bob.username());

		HttpResponse<String> confirm = bobsPortal.get("/portal/devices/" + deviceId + "/remove");
		HttpResponse<String> renameForm = bobsPortal.get("/portal/devices/" + deviceId + "/rename");
		HttpResponse<String> remove = bobsPortal.post("/portal/devices/" + deviceId + "/remove", "/portal/devices");
		HttpResponse<String> rename = bobsPortal.post("/portal/devices/" + deviceId + "/rename", "/portal/devices",
				Map.of("name", "Stolen"));

		assertThat(List.of(confirm, renameForm, remove, rename)).extracting(HttpResponse::statusCode).containsOnly(404);
		assertThat(this.jdbc.sql("SELECT name || '/' || status FROM device WHERE id = ?")
			.param(deviceId)
			.query(String.class)
			.single()).isEqualTo("Test phone/ACTIVE");
	}

	@Test
	void postsWhenNoCsrfTokenThenForbiddenAndNothingChanges() throws Exception {
		Customer alice = newCustomer();
		Phone phone = registerPhone(alice);
		approvedTokens(new CibaTestClient(url("")), alice, CLIENT);
		PortalSession portal = PortalSession.logIn(url(""), alice.username());
		String revoke = revokeAction(portal.get("/portal/grants").body());
		int registrations = count("device_registration");

		List<HttpResponse<String>> answers = List.of(portal.post("/portal/devices/registrations", null),
				portal.post("/portal/devices/" + phone.deviceId() + "/remove", null),
				portal.post("/portal/devices/" + phone.deviceId() + "/rename", null, Map.of("name", "Changed")),
				portal.post(revoke, null),
				portal.post("/portal/user-code", null, Map.of("newCode", "code-1234", "confirmation", "code-1234")),
				portal.post("/portal/login-hint-token", null), portal.post("/portal/logout", null));

		HttpResponse<String> login = PortalSession.anonymous(url(""))
			.post("/portal/login", null, Map.of("username", alice.username(), "password", PASSWORD));

		assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(403);
		assertThat(login.statusCode()).isEqualTo(403);
		assertThat(answers.get(0).body()).contains("Not allowed").doesNotContain("Exception", "at org.");
		assertThat(count("device_registration")).isEqualTo(registrations);
		assertThat(this.jdbc.sql("SELECT name || '/' || status FROM device WHERE id = ?")
			.param(phone.deviceId())
			.query(String.class)
			.single()).isEqualTo("Test phone/ACTIVE");
		assertThat(portal.get("/portal/grants").body()).contains("Refreshing Partner");
		assertThat(this.jdbc.sql("SELECT user_code_hash IS NULL FROM customer WHERE id = ?")
			.param(alice.id())
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(portal.get("/portal/devices").statusCode()).isEqualTo(200);
	}

	@Test
	void pagesWhenClientNameAndAuthorizationDetailsCarryMarkupThenShownAsText() throws Exception {
		String markup = "<script>alert(1)</script>";
		String clientId = markupClient(markup);
		Customer alice = newCustomer();
		Phone phone = registerPhone(alice);
		CibaTestClient client = new CibaTestClient(url(""));
		String details = "[{\"type\":\"payment_initiation\",\"instructedAmount\":{\"amount\":\"10.00\","
				+ "\"currency\":\"EUR\"},\"creditorName\":\"<img src=x onerror=alert(2)>\"}]";
		Answer started = client.backchannel(clientId, MARKUP_SECRET, CibaTestClient.form(Map.of("scope", "openid",
				"login_hint", alice.username(), "binding_message", "Order 7", "authorization_details", details)));
		assertThat(started.status()).as(started.json().toString()).isEqualTo(200);
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(client.token(clientId, MARKUP_SECRET, started.json().path("auth_req_id").asString()).status())
			.isEqualTo(200);
		PortalSession portal = PortalSession.logIn(url(""), alice.username());

		String activity = portal.get("/portal/activity").body();
		String grants = portal.get("/portal/grants").body();

		assertThat(activity).doesNotContain(markup, "<img src=x")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;");
		assertThat(grants).doesNotContain(markup).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@Test
	void errorPagesWhenWrongMethodOrUnknownPageThenTranslatedHtmlWithoutStackTrace() throws Exception {
		Customer alice = newCustomer();
		PortalSession portal = PortalSession.logIn(url(""), alice.username());

		HttpResponse<String> wrongMethod = portal.get("/portal/grants/abc/revoke");
		HttpResponse<String> unknown = portal.get("/portal/nothing-here");
		HttpResponse<String> badPage = portal.get("/portal/activity?page=abc");

		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(wrongMethod.body()).contains("Not possible here", "lang=\"en\"").doesNotContain("Exception");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("Page not found", "href=\"/portal/devices\"");
		assertThat(badPage.statusCode()).isEqualTo(400);
		assertThat(badPage.body()).contains("Bad request").doesNotContain("NumberFormatException", "at java.");
	}

	@Test
	void pagesWhenAParameterHoldsANulCharacterThenThePortalsHtml400PageAndTheDeviceApiStaysJson() throws Exception {
		Customer alice = newCustomer();
		PortalSession portal = PortalSession.logIn(url(""), alice.username());

		HttpResponse<String> page = portal.get("/portal/activity?page=%00");
		HttpResponse<String> login = PortalSession.anonymous(url("")).get("/portal/login?x=%00");
		HttpResponse<String> discovery = portal.get("/t/default/api/users/v1/me/push/discovery-data?x=%00");

		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("Bad request").doesNotContain("invalid_request", "Exception");
		assertThat(login.statusCode()).isEqualTo(400);
		assertThat(login.body()).contains("Bad request");
		assertThat(discovery.statusCode()).isEqualTo(400);
		assertThat(discovery.body()).contains("\"error\":\"invalid_request\"");
	}

	@Test
	void postsWhenAFieldIsRepeatedThenTheHtml400PageAndNothingChanges() throws Exception {
		Customer alice = newCustomer();
		Phone phone = registerPhone(alice);
		PortalSession portal = PortalSession.logIn(url(""), alice.username());
		String rename = "/portal/devices/" + phone.deviceId() + "/rename";

		HttpResponse<String> renamed = portal.postEncoded(rename, rename, "name=one&name=two");
		HttpResponse<String> code = portal.postEncoded("/portal/user-code", "/portal/user-code",
				"newCode=1234&newCode=5678&confirmation=1234%2C5678");

		for (HttpResponse<String> answer : List.of(renamed, code)) {
			assertThat(answer.statusCode()).isEqualTo(400);
			assertThat(answer.body()).contains("Bad request").doesNotContain("invalid_request");
		}
		assertThat(this.jdbc.sql("SELECT name FROM device WHERE id = ?")
			.param(phone.deviceId())
			.query(String.class)
			.single()).isEqualTo("Test phone");
		assertThat(this.jdbc.sql("SELECT user_code_hash IS NULL FROM customer WHERE id = ?")
			.param(alice.id())
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void loginWhenTenFailuresInAWindowThenRefusedEvenWithTheRightPasswordUntilTheWindowEnds() throws Exception {
		Customer alice = newCustomer();
		String unknown = "nobody-" + UUID.randomUUID();
		for (int i = 0; i < 10; i++) {
			// Any case of the username counts for the same account.
			String username = (i % 2 == 0) ? alice.username() : alice.username().toUpperCase(Locale.ROOT);
			assertThat(failedLogin(username, "wrong-password")).endsWith("/portal/login?error");
			assertThat(failedLogin(unknown, "wrong-password")).endsWith("/portal/login?error");
		}

		String refused = failedLogin(alice.username(), PASSWORD);
		String stored = this.jdbc.sql("SELECT string_agg(key_hash, ' ') FROM rate_limit WHERE bucket = 'portal-login'")
			.query(String.class)
			.single();

		assertThat(refused).endsWith("/portal/login?error");
		assertThat(stored).doesNotContain(alice.username(), unknown);
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(PortalSession.logIn(url(""), alice.username()).get("/portal/devices").statusCode()).isEqualTo(200);
	}

	private String failedLogin(String username, String password) throws Exception {
		return PortalSession.anonymous(url(""))
			.post("/portal/login", "/portal/login", Map.of("username", username, "password", password))
			.headers()
			.firstValue("Location")
			.orElseThrow();
	}

	@Test
	void activityWhenOlderThanRetentionThenDeletedInBatchesAndNewerKept() {
		Customer alice = newCustomer();
		Instant now = this.clock.instant();
		for (int days : List.of(100, 95, 91, 10)) {
			Instant at = now.minus(Duration.ofDays(days));
			this.activity.requested(new NewEntry(UUID.randomUUID().toString(), alice.id(), CLIENT, "Refreshing Partner",
					"Old " + days, "openid", null, at, at.plusSeconds(300)));
		}
		Instant cutoff = now.minus(Duration.ofDays(90));

		int expired = this.activity.expirePending(now);
		int firstBatch = this.activity.deleteRequestedBefore(cutoff, 2);
		int secondBatch = this.activity.deleteRequestedBefore(cutoff, 2);

		assertThat(expired).isGreaterThanOrEqualTo(4);
		assertThat(firstBatch).isEqualTo(2);
		assertThat(secondBatch).isEqualTo(1);
		assertThat(this.activity.page(alice.id(), 0, 10).entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.bindingMessage()).isEqualTo("Old 10");
			assertThat(entry.outcome()).isEqualTo(CustomerActivity.Outcome.EXPIRED);
		});
	}

	private Answer approvedTokens(CibaTestClient client, Customer customer, String clientId) {
		Phone phone = registerPhone(customer);
		Answer started = client.backchannel(clientId, SECRET,
				CibaTestClient.form(Map.of("scope", "openid profile", "login_hint", customer.username())));
		assertThat(started.status()).isEqualTo(200);
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(1));
		Answer tokens = client.token(clientId, SECRET, started.json().path("auth_req_id").asString());
		assertThat(tokens.status()).isEqualTo(200);
		return tokens;
	}

	private static boolean introspect(CibaTestClient client, String token) {
		return client.post("/oauth2/introspect", CLIENT, SECRET, "token=" + CibaTestClient.encode(token))
			.json()
			.path("active")
			.asBoolean();
	}

	private static String revokeAction(String grantsPage) {
		Matcher matcher = REVOKE_ACTION.matcher(grantsPage);
		assertThat(matcher.find()).as("a revoke form").isTrue();
		return matcher.group(1);
	}

	// A copy of the refresh client (same settings, a secret of its own) under a name with
	// markup.
	private String markupClient(String name) {
		RegisteredClient template = this.clients.findByClientId(CLIENT);
		String clientId = "markup-" + UUID.randomUUID();
		this.clients.save(RegisteredClient.from(template)
			.id(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(name)
			.clientSecret(this.passwordEncoder.encode(MARKUP_SECRET))
			.build());
		return clientId;
	}

}
