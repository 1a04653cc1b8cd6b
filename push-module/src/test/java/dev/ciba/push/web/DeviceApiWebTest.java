package dev.ciba.push.web;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ciba.push.DeviceJwts;
import dev.ciba.push.DeviceSignatures;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.TestDatabase;
import dev.ciba.push.TestKeys;
import dev.ciba.push.api.DiscoveryData;
import dev.ciba.push.device.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The device API over HTTP: paths, statuses, headers and JSON bodies, with the real
 * services on PostgreSQL behind the controllers.
 */
class DeviceApiWebTest extends SqlTestBase {

	private static final String ALICE = "cust-alice";

	private static final String DEVICES = "/t/bank/api/users/v1/me/push/devices";

	private MockMvc mvc;

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

	@BeforeEach
	void setUpMvc() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.mvc = MockMvcBuilders.standaloneSetup(
				new DiscoveryDataController(this.fixture.registrations, this.fixture.customers, this.fixture.settings),
				new DeviceController(this.fixture.registrationService, this.fixture.selfService, this.fixture.settings),
				new PushAuthController(this.fixture.answers, this.fixture.pending, this.fixture.settings))
			.setControllerAdvice(new DeviceApiExceptionHandler())
			.build();
	}

	@AfterEach
	void clearSecurityContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void discoveryDataWhenSignedInThenJsonOfANewRegistration() throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(ALICE, null, List.of()));

		String body = this.mvc.perform(get("/t/bank/api/users/v1/me/push/discovery-data"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
			.andExpect(jsonPath("$.username").value("alice"))
			.andExpect(jsonPath("$.host").value("https://ciba.example"))
			.andExpect(jsonPath("$.tenantDomain").value("bank"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		String deviceId = this.fixture.jdbc.sql("SELECT device_id FROM device_registration")
			.query(String.class)
			.single();
		DiscoveryData stored = this.fixture.registrations.findOpen(ALICE, deviceId).orElseThrow();
		assertThat(body).isEqualTo(stored.toJson());
	}

	@ParameterizedTest
	@ValueSource(strings = { "cross-site", "same-site" })
	void discoveryDataWhenTheBrowserSaysAnotherSiteAskedThenForbiddenAndNothingOpened(String fetchSite)
			throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(ALICE, null, List.of()));

		expectError(
				this.mvc.perform(get("/t/bank/api/users/v1/me/push/discovery-data").header("Sec-Fetch-Site", fetchSite)
					.header("Sec-Fetch-Mode", "navigate")),
				status().isForbidden(), "access_denied", "Discovery data is served to the portal's own pages only");
		assertThat(this.fixture.jdbc.sql("SELECT COUNT(*) FROM device_registration").query(Integer.class).single())
			.isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "same-origin", "none" })
	void discoveryDataWhenTheBrowserSaysSameOriginOrTypedThenServed(String fetchSite) throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(ALICE, null, List.of()));

		this.mvc.perform(get("/t/bank/api/users/v1/me/push/discovery-data").header("Sec-Fetch-Site", fetchSite))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value("alice"));
	}

	@Test
	void discoveryDataWhenNotSignedInThenUnauthorizedJson() throws Exception {
		expectError(this.mvc.perform(get("/t/bank/api/users/v1/me/push/discovery-data")), status().isUnauthorized(),
				"access_denied", "Sign in to the portal first");
	}

	@Test
	void discoveryDataWhenWrongTenantThenNotFoundJson() throws Exception {
		expectError(this.mvc.perform(get("/t/other/api/users/v1/me/push/discovery-data")), status().isNotFound(),
				"not_found", "Unknown tenant");
	}

	@Test
	void registerWhenValidThenCreatedWithLocation() throws Exception {
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		String signature = DeviceSignatures.sign(TestKeys.RSA_2048, data.challenge() + ".fcm-1");
		String body = """
				{"deviceId": "%s", "name": "Pixel", "model": "Pixel 9", "deviceToken": "fcm-1",
				 "publicKey": "%s", "signature": "%s", "provider": {"name": "AmazonSNS", "metadata": {}}}
				""".formatted(data.deviceId(), TestKeys.publicKeyBase64(TestKeys.RSA_2048), signature);

		this.mvc.perform(post(DEVICES).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION,
					"https://ciba.example/t/bank/api/users/v1/me/push/devices/" + data.deviceId()))
			.andExpect(jsonPath("$.deviceId").value(data.deviceId()));

		assertThat(this.fixture.devices.findById(data.deviceId()).map(Device::provider)).contains("AmazonSNS");
	}

	@Test
	void registerWhenBadSignatureThenBadRequestJson() throws Exception {
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		String body = """
				{"deviceId": "%s", "name": "Pixel", "model": "Pixel 9", "publicKey": "%s", "signature": "%s"}
				""".formatted(data.deviceId(), TestKeys.publicKeyBase64(TestKeys.EC_P256),
				DeviceSignatures.sign(TestKeys.EC_P256, "wrong."));

		expectError(this.mvc.perform(post(DEVICES).contentType(MediaType.APPLICATION_JSON).content(body)),
				status().isBadRequest(), "invalid_request", "The signature does not verify with the public key");
	}

	@Test
	void registerWhenFieldMissingThenBadRequestNamingIt() throws Exception {
		String body = "{\"deviceId\": \"d-1\", \"name\": \"Pixel\", \"model\": \"Pixel 9\", \"signature\": \"AA==\"}";

		expectError(this.mvc.perform(post(DEVICES).contentType(MediaType.APPLICATION_JSON).content(body)),
				status().isBadRequest(), "invalid_request", "The parameter publicKey is missing");
	}

	@Test
	void registerWhenBodyIsNotJsonThenBadRequestJson() throws Exception {
		expectError(this.mvc.perform(post(DEVICES).contentType(MediaType.APPLICATION_JSON).content("{\"deviceId\":")),
				status().isBadRequest(), "invalid_request",
				"The request body is missing or is not JSON of the expected shape");
	}

	@Test
	void registerWhenFieldHasWrongJsonTypeThenBadRequestJson() throws Exception {
		expectError(
				this.mvc
					.perform(post(DEVICES).contentType(MediaType.APPLICATION_JSON).content("{\"name\": {\"a\": 1}}")),
				status().isBadRequest(), "invalid_request",
				"The request body is missing or is not JSON of the expected shape");
	}

	@Test
	void registerWhenContentTypeIsNotJsonThenBadRequestJson() throws Exception {
		expectError(this.mvc.perform(post(DEVICES).contentType(MediaType.TEXT_PLAIN).content("deviceId=1")),
				status().isBadRequest(), "invalid_request", "The request body must be application/json");
	}

	@Test
	void registerWhenWrongTenantThenNotFoundJson() throws Exception {
		expectError(this.mvc.perform(
				post("/t/other/api/users/v1/me/push/devices").contentType(MediaType.APPLICATION_JSON).content("{}")),
				status().isNotFound(), "not_found", "Unknown tenant");
	}

	@Test
	void devicesWhenGetThenMethodNotAllowedJson() throws Exception {
		expectError(this.mvc.perform(get(DEVICES)), status().isMethodNotAllowed(), "method_not_allowed",
				"The method is not supported on this path")
			.andExpect(header().string(HttpHeaders.ALLOW, "POST"));
	}

	@Test
	void authenticateWhenValidAnswerThenOk() throws Exception {
		String deviceId = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-1");
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = DeviceJwts.answer(TestKeys.RSA_2048, deviceId, pushAuthId, this.fixture.challengeOf(pushAuthId),
				"APPROVED", this.fixture.clock.instant());

		this.mvc
			.perform(post("/t/bank/push-auth/authenticate").contentType(MediaType.APPLICATION_JSON)
				.content("{\"authResponse\": \"" + token + "\"}"))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"status\": \"OK\"}", true));

		assertThat(this.fixture.listener.decisions()).hasSize(1);
	}

	@Test
	void authenticateWhenAnswerFromDeviceNotAskedThenForbiddenJson() throws Exception {
		String pushAuthId = startWithOneDevice();
		String other = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, "fcm-2");
		String token = DeviceJwts.answer(TestKeys.EC_P256, other, pushAuthId, this.fixture.challengeOf(pushAuthId),
				"APPROVED", this.fixture.clock.instant());

		expectError(
				this.mvc.perform(post("/t/bank/push-auth/authenticate").contentType(MediaType.APPLICATION_JSON)
					.content("{\"authResponse\": \"" + token + "\"}")),
				status().isForbidden(), "access_denied", "The device was not asked for this request");
	}

	@Test
	void authenticateWhenContentTypeIsAWildcardThenBadRequestJson() throws Exception {
		expectError(
				this.mvc.perform(post("/t/bank/push-auth/authenticate").header(HttpHeaders.CONTENT_TYPE, "*/*")
					.content("{\"authResponse\": \"a.b.c\"}")),
				status().isBadRequest(), "invalid_request", "The request body must be application/json");
	}

	@Test
	void authenticateWhenAuthResponseMissingThenBadRequestJson() throws Exception {
		expectError(
				this.mvc.perform(
						post("/t/bank/push-auth/authenticate").contentType(MediaType.APPLICATION_JSON).content("{}")),
				status().isBadRequest(), "invalid_request", "The parameter authResponse is missing");
	}

	@Test
	void authenticateWhenGetThenMethodNotAllowedJson() throws Exception {
		expectError(this.mvc.perform(get("/t/bank/push-auth/authenticate")), status().isMethodNotAllowed(),
				"method_not_allowed", "The method is not supported on this path");
	}

	@Test
	void pendingWhenNoAuthorizationThenUnauthorizedWithBearerChallenge() throws Exception {
		expectError(this.mvc.perform(get("/t/bank/push-auth/pending")), status().isUnauthorized(), "invalid_token",
				"The request has no bearer token")
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
	}

	@Test
	void pendingWhenTokenRefusedThenUnauthorizedInvalidToken() throws Exception {
		expectError(
				this.mvc.perform(get("/t/bank/push-auth/pending").header(HttpHeaders.AUTHORIZATION, "Bearer x.y.z")),
				status().isUnauthorized(), "invalid_token", "The token is not a well-formed signed JWT")
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
	}

	@Test
	void pendingWhenValidTokenThenEntriesWithPushData() throws Exception {
		String pushAuthId = startWithOneDevice();
		String deviceId = this.fixture.jdbc.sql("SELECT id FROM device").query(String.class).single();
		String token = DeviceJwts.pending(TestKeys.RSA_2048, deviceId, this.fixture.clock.instant());

		this.mvc.perform(get("/t/bank/push-auth/pending").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.pending.length()").value(1))
			.andExpect(jsonPath("$.pending[0].pushId").value(pushAuthId))
			.andExpect(jsonPath("$.pending[0].applicationName").value("Payments Ltd"))
			.andExpect(jsonPath("$.pending[0].bindingMessage").value("Pay 10 EUR"));
	}

	@Test
	void removeWhenSignedByTheDeviceThenNoContent() throws Exception {
		String deviceId = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);
		String token = DeviceJwts.sign(TestKeys.EC_P256, deviceId,
				DeviceJwts.claims("remove", this.fixture.clock.instant(), Duration.ofSeconds(60)).build());

		this.mvc
			.perform(post(DEVICES + "/" + deviceId + "/remove").contentType(MediaType.APPLICATION_JSON)
				.content("{\"token\": \"" + token + "\"}"))
			.andExpect(status().isNoContent());

		assertThat(this.fixture.devices.findById(deviceId).map(Device::active)).contains(false);
	}

	@Test
	void removeWhenValidTokenHasANulCharacterAppendedThenBadRequestAndDeviceKept() throws Exception {
		String deviceId = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);
		String token = DeviceJwts.sign(TestKeys.EC_P256, deviceId,
				DeviceJwts.claims("remove", this.fixture.clock.instant(), Duration.ofSeconds(60)).build());

		expectError(
				this.mvc.perform(post(DEVICES + "/" + deviceId + "/remove").contentType(MediaType.APPLICATION_JSON)
					.content("{\"token\": \"" + token + "\\u0000\"}")),
				status().isBadRequest(), "invalid_request", "The parameter token is not a compact JWS");
		assertThat(this.fixture.devices.findById(deviceId).map(Device::active)).contains(true);
	}

	@Test
	void removeWhenTokenNamesAnotherDeviceThenForbiddenJson() throws Exception {
		String victim = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-1");
		String attacker = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);
		String token = DeviceJwts.sign(TestKeys.EC_P256, attacker,
				DeviceJwts.claims("remove", this.fixture.clock.instant(), Duration.ofSeconds(60)).build());

		expectError(
				this.mvc.perform(post(DEVICES + "/" + victim + "/remove").contentType(MediaType.APPLICATION_JSON)
					.content("{\"token\": \"" + token + "\"}")),
				status().isForbidden(), "access_denied", "The token belongs to another device");
		assertThat(this.fixture.devices.findById(victim).map(Device::active)).contains(true);
	}

	@Test
	void updateWhenSignedByTheDeviceThenNoContent() throws Exception {
		String deviceId = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-1");
		Instant now = this.fixture.clock.instant();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, deviceId,
				DeviceJwts.claims("update", now, Duration.ofSeconds(60)).claim("deviceToken", "fcm-2").build());

		this.mvc
			.perform(post(DEVICES + "/" + deviceId + "/update").contentType(MediaType.APPLICATION_JSON)
				.content("{\"token\": \"" + token + "\"}"))
			.andExpect(status().isNoContent());

		assertThat(this.fixture.devices.findById(deviceId).map(Device::pushToken)).contains("fcm-2");
	}

	@Test
	void updateWhenDeviceLockedAfterBadSignaturesThenTooManyRequestsJsonWithRetryAfter() throws Exception {
		String deviceId = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-1");
		for (int i = 0; i < 5; i++) {
			expectError(
					this.mvc.perform(post(DEVICES + "/" + deviceId + "/update").contentType(MediaType.APPLICATION_JSON)
						.content("{\"token\": \"" + updateToken(TestKeys.RSA_2048_OTHER, deviceId) + "\"}")),
					status().isBadRequest(), "invalid_request", "The token signature does not verify");
		}
		this.fixture.clock.advance(Duration.ofSeconds(30));

		expectError(
				this.mvc.perform(post(DEVICES + "/" + deviceId + "/update").contentType(MediaType.APPLICATION_JSON)
					.content("{\"token\": \"" + updateToken(TestKeys.RSA_2048, deviceId) + "\"}")),
				status().isTooManyRequests(), "too_many_requests",
				"The device is locked after too many tokens with a bad signature; try again later")
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "570"));

		assertThat(this.fixture.devices.findById(deviceId).map(Device::pushToken)).contains("fcm-1");
	}

	@Test
	void registerWhenCustomersAttemptsUsedUpThenTooManyRequestsJsonWithRetryAfter() throws Exception {
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		String badBody = """
				{"deviceId": "%s", "name": "Pixel", "model": "Pixel 9", "publicKey": "%s", "signature": "%s"}
				""".formatted(data.deviceId(), TestKeys.publicKeyBase64(TestKeys.EC_P256),
				DeviceSignatures.sign(TestKeys.EC_P256, "wrong."));
		for (int i = 0; i < 10; i++) {
			this.mvc.perform(post(DEVICES).contentType(MediaType.APPLICATION_JSON).content(badBody))
				.andExpect(status().isBadRequest());
		}

		expectError(this.mvc.perform(post(DEVICES).contentType(MediaType.APPLICATION_JSON).content(badBody)),
				status().isTooManyRequests(), "too_many_requests", "Too many registration attempts; try again later")
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "3600"));
	}

	private String updateToken(KeyPair keyPair, String deviceId) {
		return DeviceJwts.sign(keyPair, deviceId,
				DeviceJwts.claims("update", this.fixture.clock.instant(), Duration.ofSeconds(60))
					.claim("name", "Renamed")
					.build());
	}

	private String startWithOneDevice() {
		this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-1");
		return this.fixture.start(ALICE).pushAuthId();
	}

	private static ResultActions expectError(ResultActions result, ResultMatcher status, String error,
			String description) throws Exception {
		return result.andExpect(status)
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(content().json("{\"error\": \"" + error + "\", \"error_description\": \"" + description + "\"}",
					true));
	}

}
