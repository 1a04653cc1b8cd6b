package dev.ciba.server;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.customer.CustomerUserCodes;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * User codes (CIBA Core §7.1 {@code user_code}) at the backchannel endpoint on
 * PostgreSQL: {@code user-code-client} registered
 * {@code backchannel_user_code_parameter}, {@code demo-client} did not.
 */
class UserCodeIntegrationTests extends CustomerFlowIntegrationTest {

	private static final String CLIENT = "user-code-client";

	private static final String SECRET = "user-code-client-secret-0123456789ab";

	private static final String CODE = "Right-Code-4711";

	private static final String WRONG_CODE = "Wrong-Code-0815";

	private static final ECKey CLIENT_KEY = (ECKey) clientKeys().getKeyByKeyId("es-client-ec-1");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	private CustomerUserCodes userCodes;

	private CibaTestClient client;

	private Customer customer;

	private Phone phone;

	@BeforeEach
	void setUpCustomerWithAUserCode() {
		this.client = new CibaTestClient(url(""));
		this.customer = newCustomer();
		this.phone = registerPhone(this.customer);
		this.userCodes.set(this.customer.id(), CODE);
	}

	@Test
	void backchannelWhenNoUserCodeThenMissingUserCodeAndNothingSent() {
		Answer answer = request(null);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("missing_user_code");
		assertThat(answer.json().path("error_description").asString()).isEqualTo("The user_code parameter is required");
		assertThat(this.phone.pending()).isEmpty();
	}

	@Test
	void backchannelWhenWrongUserCodeThenInvalidUserCodeWithoutEchoingIt() {
		Answer answer = request(WRONG_CODE);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_user_code");
		assertThat(answer.json().path("error_description").asString()).isEqualTo("The user_code is wrong");
		assertThat(answer.body()).doesNotContain(WRONG_CODE).doesNotContain(CODE);
		assertThat(this.phone.pending()).isEmpty();
	}

	@Test
	void backchannelWhenRightUserCodeThenAcceptedAndThePhoneIsAsked() {
		Answer answer = request(CODE);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().path("auth_req_id").asString()).isNotEmpty();
		assertThat(this.phone.pending()).hasSize(1);
	}

	@Test
	void backchannelWhenFiveWrongCodesThenLockedEvenForTheRightCodeUntilTheLockOutEnds() {
		for (int i = 0; i < 5; i++) {
			assertThat(request(WRONG_CODE + i).error()).isEqualTo("invalid_user_code");
		}

		Answer locked = request(CODE);
		this.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
		Answer stillLocked = request(CODE);
		this.clock.advance(Duration.ofSeconds(1));
		Answer unlocked = request(CODE);

		assertThat(locked.status()).isEqualTo(400);
		assertThat(locked.error()).isEqualTo("invalid_user_code");
		assertThat(locked.json().path("error_description").asString())
			.isEqualTo("The end-user's user code is locked after too many wrong codes; try again later");
		assertThat(stillLocked.error()).isEqualTo("invalid_user_code");
		assertThat(unlocked.status()).isEqualTo(200);
		assertThat(this.phone.pending()).hasSize(1);
		assertThat(attempts()).isEqualTo(Map.of("failures", 0, "locked", false));
	}

	@Test
	void backchannelWhenTenWrongCodesArriveAtOnceThenExactlyFiveAreComparedAndTheCodeIsLocked() {
		ExecutorService threads = Executors.newFixedThreadPool(10);
		List<Future<Answer>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < 10; i++) {
				String code = WRONG_CODE + i;
				answers.add(threads.submit(() -> request(code)));
			}
			List<String> descriptions = new ArrayList<>();
			for (Future<Answer> answer : answers) {
				assertThat(answer.get().error()).isEqualTo("invalid_user_code");
				descriptions.add(answer.get().json().path("error_description").asString());
			}

			assertThat(descriptions).filteredOn("The user_code is wrong"::equals).hasSize(5);
			assertThat(descriptions).filteredOn((description) -> description.contains("locked")).hasSize(5);
			assertThat(attempts()).isEqualTo(Map.of("failures", 0, "locked", true));
			assertThat(request(CODE).error()).isEqualTo("invalid_user_code");
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void backchannelWhenFourWrongCodesThenTheRightCodeResetsTheCount() {
		for (int i = 0; i < 4; i++) {
			request(WRONG_CODE + i);
		}
		assertThat(attempts()).isEqualTo(Map.of("failures", 4, "locked", false));

		Answer right = request(CODE);
		Answer wrongAgain = request(WRONG_CODE);
		Answer rightAgain = request(CODE);

		assertThat(right.status()).isEqualTo(200);
		assertThat(wrongAgain.error()).isEqualTo("invalid_user_code");
		assertThat(wrongAgain.json().path("error_description").asString()).isEqualTo("The user_code is wrong");
		assertThat(rightAgain.status()).isEqualTo(200);
	}

	@Test
	void backchannelWhenTheCustomerSetNoUserCodeThenInvalidUserCode() {
		Customer withoutCode = newCustomer();
		registerPhone(withoutCode);

		Answer answer = this.client.backchannel(CLIENT, SECRET, CibaTestClient
			.form(Map.of("scope", "openid", "login_hint", withoutCode.username(), "user_code", CODE)));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_user_code");
		assertThat(answer.json().path("error_description").asString())
			.isEqualTo("The end-user has not set a user code");
	}

	@Test
	void backchannelWhenTheClientDidNotRegisterTheParameterThenTheUserCodeIsIgnored() {
		Answer answer = this.client.backchannel(CibaTestClient
			.form(Map.of("scope", "openid", "login_hint", this.customer.username(), "user_code", WRONG_CODE)));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(attempts()).isEqualTo(Map.of("failures", 0, "locked", false));
	}

	@Test
	void backchannelWhenTheHintNamesNoCustomerThenUnknownUserIdBeforeTheUserCode() {
		Answer answer = this.client.backchannel(CLIENT, SECRET,
				CibaTestClient.form(Map.of("scope", "openid", "login_hint", "nobody-" + UUID.randomUUID())));

		assertThat(answer.error()).isEqualTo("unknown_user_id");
	}

	@Test
	void backchannelWhenSignedRequestCarriesTheRightUserCodeThenAccepted() {
		Answer answer = signedRequest(CODE);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(this.phone.pending()).hasSize(1);
	}

	@Test
	void backchannelWhenSignedRequestCarriesAWrongUserCodeThenInvalidUserCode() {
		Answer wrong = signedRequest(WRONG_CODE);
		Answer missing = signedRequest(null);

		assertThat(wrong.error()).isEqualTo("invalid_user_code");
		assertThat(missing.error()).isEqualTo("missing_user_code");
		assertThat(this.phone.pending()).isEmpty();
	}

	@Test
	void userCodeWhenStoredThenOnlyABcryptHashIsInTheDatabase() {
		String hash = this.jdbc.sql("SELECT user_code_hash FROM customer WHERE id = ?")
			.param(this.customer.id())
			.query(String.class)
			.single();

		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(CODE);
	}

	@Test
	void portalWhenTheCustomerSetsANewUserCodeThenTheBackchannelEndpointWantsIt() throws Exception {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		HttpResponse<String> login = post(browser, "/portal/login",
				Map.of("username", this.customer.username(), "password", PASSWORD));
		assertThat(login.statusCode()).isEqualTo(302);

		HttpResponse<String> saved = post(browser, "/portal/user-code",
				Map.of("newCode", "Portal-Code-42", "confirmation", "Portal-Code-42"));
		HttpResponse<String> page = browser.send(portal("/portal/user-code").GET().build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/portal/user-code"));
		assertThat(page.body()).contains("Your user code was saved.").doesNotContain("Portal-Code-42");
		assertThat(request(CODE).error()).isEqualTo("invalid_user_code");
		assertThat(request("Portal-Code-42").status()).isEqualTo(200);
	}

	private Answer request(String userCode) {
		Map<String, String> parameters = new HashMap<>(
				Map.of("scope", "openid", "login_hint", this.customer.username()));
		if (userCode != null) {
			parameters.put("user_code", userCode);
		}
		return this.client.backchannel(CLIENT, SECRET, CibaTestClient.form(parameters));
	}

	private Answer signedRequest(String userCode) {
		Instant now = this.clock.instant();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(CLIENT)
			.audience("http://localhost:8080")
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.claim("scope", "openid")
			.claim("login_hint", this.customer.username());
		if (userCode != null) {
			claims.claim("user_code", userCode);
		}
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(CLIENT_KEY.getKeyID()).build(),
				claims.build());
		try {
			jwt.sign(new ECDSASigner(CLIENT_KEY));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return this.client.backchannel(CLIENT, SECRET, "request=" + jwt.serialize());
	}

	private Map<String, Object> attempts() {
		return this.jdbc
			.sql("SELECT user_code_failures, user_code_locked_until > ? AS locked FROM customer WHERE id = ?")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), this.customer.id())
			.query((rs, row) -> Map.<String, Object>of("failures", rs.getInt(1), "locked", rs.getBoolean(2)))
			.single();
	}

	private HttpResponse<String> post(HttpClient browser, String path, Map<String, String> form) throws Exception {
		HttpResponse<String> page = browser.send(portal(path).GET().build(), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("a CSRF field on " + path).isTrue();
		Map<String, String> body = new HashMap<>(form);
		body.put("_csrf", csrf.group(1));
		return browser.send(portal(path).POST(HttpRequest.BodyPublishers.ofString(CibaTestClient.form(body))).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder portal(String path) {
		return HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded");
	}

}
