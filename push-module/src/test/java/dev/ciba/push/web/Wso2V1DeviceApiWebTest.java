package dev.ciba.push.web;

import java.time.Duration;

import dev.ciba.push.DeviceJwts;
import dev.ciba.push.DeviceSignatures;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.PushModuleFixture;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.TestDatabase;
import dev.ciba.push.TestKeys;
import dev.ciba.push.Wso2V1Jwts;
import dev.ciba.push.api.DiscoveryData;
import dev.ciba.push.auth.DeviceAnswerService;
import dev.ciba.push.auth.PendingPushAuths;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.jwt.DeviceJwtVerifier;
import dev.ciba.push.jwt.JdbcJwtReplayStore;
import dev.ciba.push.registration.DeviceSelfService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
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
 * The generation-1 ("push-auth") device API over HTTP with its compatibility profile on,
 * and its absence with the profile off, with the real services on PostgreSQL.
 */
class Wso2V1DeviceApiWebTest extends SqlTestBase {

	private static final String ALICE = "cust-alice";

	private static final String V1_DEVICES = "/t/bank/api/users/v1/me/push-auth/devices";

	private static final String AUTHENTICATE = "/t/bank/push-auth/authenticate";

	private static final String AUDIENCE = "https://ciba.example/t/bank/";

	private MockMvc mvc;

	private MockMvc profileOff;

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

	@Override
	protected PushChannelSettings settings() {
		return super.settings().withWso2V1(new PushChannelSettings.Wso2V1(true, Duration.ofHours(1)));
	}

	@BeforeEach
	void setUpMvc() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.mvc = mvc(this.fixture.settings);
		this.profileOff = mvc(PushChannelSettings.defaults(PushModuleFixture.TENANT, PushModuleFixture.BASE_URL));
	}

	@Test
	void registerWhenSdkShapedBodyWithRsa1024ThenCreatedWithLocation() throws Exception {
		DiscoveryData data = this.fixture.registrations.open(ALICE);

		this.mvc.perform(post(V1_DEVICES).contentType(MediaType.APPLICATION_JSON).content(body(data, "fcm-1")))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION,
					"https://ciba.example/t/bank/api/users/v1/me/push-auth/devices/" + data.deviceId()))
			.andExpect(content().json("{\"deviceId\": \"" + data.deviceId() + "\"}", true));

		assertThat(this.fixture.devices.findById(data.deviceId()).map(Device::protocol))
			.contains(DeviceProtocol.WSO2_PUSH_AUTH);
	}

	@Test
	void registerWhenRsa1024OnTheGenerationTwoPathThenBadRequestJson() throws Exception {
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		String body = """
				{"deviceId": "%s", "name": "Galaxy", "model": "SM-G991B", "deviceToken": "",
				 "publicKey": "%s", "signature": "%s"}
				""".formatted(data.deviceId(), TestKeys.publicKeyBase64(TestKeys.RSA_1024),
				DeviceSignatures.sign(TestKeys.RSA_1024, data.challenge() + "."));

		expectError(
				this.mvc.perform(post("/t/bank/api/users/v1/me/push/devices").contentType(MediaType.APPLICATION_JSON)
					.content(body)),
				status().isBadRequest(), "invalid_request",
				"The parameter publicKey is not acceptable: The RSA key must have 2048 to 8192 bits");
		assertThat(this.fixture.devices.findById(data.deviceId())).isEmpty();
	}

	@Test
	void registerWhenPushIdMalformedThenBadRequestNamingIt() throws Exception {
		DiscoveryData data = this.fixture.registrations.open(ALICE);

		expectError(
				this.mvc
					.perform(post(V1_DEVICES).contentType(MediaType.APPLICATION_JSON).content(body(data, "has space"))),
				status().isBadRequest(), "invalid_request", "The parameter pushId is too long or malformed");
	}

	@Test
	void registerWhenBodyIsNotJsonThenBadRequestJson() throws Exception {
		expectError(this.mvc.perform(post(V1_DEVICES).contentType(MediaType.APPLICATION_JSON).content("{\"did\":")),
				status().isBadRequest(), "invalid_request",
				"The request body is missing or is not JSON of the expected shape");
	}

	@Test
	void devicesWhenGetThenMethodNotAllowedJson() throws Exception {
		expectError(this.mvc.perform(get(V1_DEVICES)), status().isMethodNotAllowed(), "method_not_allowed",
				"The method is not supported on this path")
			.andExpect(header().string(HttpHeaders.ALLOW, "POST"));
	}

	@Test
	void registerWhenWrongTenantThenNotFoundJson() throws Exception {
		expectError(this.mvc
			.perform(post("/t/other/api/users/v1/me/push-auth/devices").contentType(MediaType.APPLICATION_JSON)
				.content("{}")), status().isNotFound(), "not_found", "Unknown tenant");
	}

	@Test
	void authenticateWhenGenerationOneAnswerThenAccepted() throws Exception {
		String deviceId = this.fixture.registerWso2V1Device(ALICE, TestKeys.RSA_1024, "fcm-1");
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = approval(deviceId, AUDIENCE, pushAuthId);

		postAnswer(this.mvc, token).andExpect(status().isAccepted())
			.andExpect(content().json("{\"status\": \"OK\"}", true));

		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("APPROVED");
	}

	@Test
	void authenticateWhenGenerationTwoAnswerWithProfileOnThenStillOk() throws Exception {
		String deviceId = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-1");
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = DeviceJwts.answer(TestKeys.RSA_2048, deviceId, pushAuthId, this.fixture.challengeOf(pushAuthId),
				"APPROVED", this.fixture.clock.instant());

		postAnswer(this.mvc, token).andExpect(status().isOk()).andExpect(content().json("{\"status\": \"OK\"}", true));
	}

	@Test
	void authenticateWhenAudienceOfAnotherServerThenBadRequestJsonAndStillPending() throws Exception {
		String deviceId = this.fixture.registerWso2V1Device(ALICE, TestKeys.RSA_1024, "fcm-1");
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = approval(deviceId, "https://evil.example/t/bank/", pushAuthId);

		expectError(postAnswer(this.mvc, token), status().isBadRequest(), "invalid_request",
				"The token aud claim does not name this server");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void authenticateWhenGenerationOneAnswerWithProfileOffThenRefusedAsGenerationTwo() throws Exception {
		String deviceId = this.fixture.registerWso2V1Device(ALICE, TestKeys.RSA_1024, "fcm-1");
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = approval(deviceId, AUDIENCE, pushAuthId);

		expectError(postAnswer(this.profileOff, token), status().isBadRequest(), "invalid_request",
				"The token header has no deviceId");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void pendingWhenGenerationOneBearerTokenThenGenerationOneEntries() throws Exception {
		String deviceId = this.fixture.registerWso2V1Device(ALICE, TestKeys.RSA_1024, "fcm-1");
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = Wso2V1Jwts.sign(TestKeys.RSA_1024, deviceId,
				Wso2V1Jwts.pendingClaims(AUDIENCE, this.fixture.clock.instant()).build());

		this.mvc.perform(get("/t/bank/push-auth/pending").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.pending.length()").value(1))
			.andExpect(jsonPath("$.pending[0].sessionDataKey").value(pushAuthId))
			.andExpect(jsonPath("$.pending[0].deviceId").value(deviceId))
			.andExpect(jsonPath("$.pending[0].organization").value("bank"))
			.andExpect(jsonPath("$.pending[0].metadata")
				.value("{\"binding_message\":\"Pay 10 EUR\",\"scope\":\"openid\"}"))
			.andExpect(jsonPath("$.pending[0].pushId").doesNotExist());
	}

	@Test
	void pendingWhenGenerationOneBearerTokenWithProfileOffThenUnauthorized() throws Exception {
		String deviceId = this.fixture.registerWso2V1Device(ALICE, TestKeys.RSA_1024, "fcm-1");
		this.fixture.start(ALICE);
		String token = Wso2V1Jwts.sign(TestKeys.RSA_1024, deviceId,
				Wso2V1Jwts.pendingClaims(AUDIENCE, this.fixture.clock.instant()).build());

		expectError(
				this.profileOff
					.perform(get("/t/bank/push-auth/pending").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)),
				status().isUnauthorized(), "invalid_token", "The token header has no deviceId");
	}

	@Test
	void removeWhenSdkRemoveTokenThenNoContent() throws Exception {
		String deviceId = this.fixture.registerWso2V1Device(ALICE, TestKeys.RSA_1024, "fcm-1");
		String token = Wso2V1Jwts.sign(TestKeys.RSA_1024, deviceId,
				Wso2V1Jwts.removeClaims(AUDIENCE, this.fixture.clock.instant()).build());

		this.mvc
			.perform(post(V1_DEVICES + "/" + deviceId + "/remove").contentType(MediaType.APPLICATION_JSON)
				.content("{\"token\": \"" + token + "\"}"))
			.andExpect(status().isNoContent());

		assertThat(this.fixture.devices.findById(deviceId).map(Device::active)).contains(false);
	}

	@Test
	void removeWhenTokenWithoutActThenBadRequestJsonAndDeviceKept() throws Exception {
		String deviceId = this.fixture.registerWso2V1Device(ALICE, TestKeys.RSA_1024, "fcm-1");
		String token = Wso2V1Jwts.sign(TestKeys.RSA_1024, deviceId,
				Wso2V1Jwts.claims(AUDIENCE, this.fixture.clock.instant(), Duration.ofMinutes(5)).build());

		expectError(
				this.mvc.perform(post(V1_DEVICES + "/" + deviceId + "/remove").contentType(MediaType.APPLICATION_JSON)
					.content("{\"token\": \"" + token + "\"}")),
				status().isBadRequest(), "invalid_request", "The token act claim does not fit this call");
		assertThat(this.fixture.devices.findById(deviceId).map(Device::active)).contains(true);
	}

	@Test
	void removeWhenGenerationOneDeviceUsesTheGenerationTwoPathThenBadRequestAndDeviceKept() throws Exception {
		String deviceId = this.fixture.registerWso2V1Device(ALICE, TestKeys.RSA_1024, "fcm-1");
		String token = Wso2V1Jwts.sign(TestKeys.RSA_1024, deviceId,
				Wso2V1Jwts.removeClaims(AUDIENCE, this.fixture.clock.instant()).build());

		expectError(
				this.mvc.perform(post("/t/bank/api/users/v1/me/push/devices/" + deviceId + "/remove")
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"token\": \"" + token + "\"}")),
				status().isBadRequest(), "invalid_request",
				"The token form does not fit the device's protocol generation");
		assertThat(this.fixture.devices.findById(deviceId).map(Device::active)).contains(true);
	}

	@Test
	void registerWhenProfileOffThenNotFoundJsonWhateverTheBody() throws Exception {
		DiscoveryData data = this.fixture.registrations.open(ALICE);

		expectError(
				this.profileOff
					.perform(post(V1_DEVICES).contentType(MediaType.APPLICATION_JSON).content(body(data, "fcm-1"))),
				status().isNotFound(), "not_found", "Unknown path");
		expectError(
				this.profileOff.perform(post(V1_DEVICES).contentType(MediaType.APPLICATION_JSON).content("{\"did\":")),
				status().isNotFound(), "not_found", "Unknown path");
		expectError(this.profileOff.perform(post(V1_DEVICES).contentType(MediaType.TEXT_PLAIN).content("x")),
				status().isNotFound(), "not_found", "Unknown path");
		assertThat(this.fixture.devices.findById(data.deviceId())).isEmpty();
	}

	@Test
	void removeAndOtherMethodsWhenProfileOffThenNotFoundJson() throws Exception {
		String deviceId = this.fixture.registerWso2V1Device(ALICE, TestKeys.RSA_1024, "fcm-1");
		String token = Wso2V1Jwts.sign(TestKeys.RSA_1024, deviceId,
				Wso2V1Jwts.removeClaims(AUDIENCE, this.fixture.clock.instant()).build());

		expectError(
				this.profileOff
					.perform(post(V1_DEVICES + "/" + deviceId + "/remove").contentType(MediaType.APPLICATION_JSON)
						.content("{\"token\": \"" + token + "\"}")),
				status().isNotFound(), "not_found", "Unknown path");
		expectError(this.profileOff.perform(get(V1_DEVICES)), status().isNotFound(), "not_found", "Unknown path");
		assertThat(this.fixture.devices.findById(deviceId).map(Device::active)).contains(true);
	}

	private String approval(String deviceId, String audience, String pushAuthId) {
		return Wso2V1Jwts.sign(TestKeys.RSA_1024, deviceId,
				Wso2V1Jwts
					.answerClaims(audience, pushAuthId, this.fixture.challengeOf(pushAuthId), "SUCCESSFUL",
							this.fixture.clock.instant())
					.build());
	}

	private static ResultActions postAnswer(MockMvc mvc, String token) throws Exception {
		return mvc.perform(post(AUTHENTICATE).contentType(MediaType.APPLICATION_JSON)
			.content("{\"authResponse\": \"" + token + "\"}"));
	}

	/**
	 * The device API over the fixture's database, with every service built for the given
	 * settings.
	 */
	private MockMvc mvc(PushChannelSettings settings) {
		DeviceJwtVerifier verifier = new DeviceJwtVerifier(this.fixture.devices,
				new JdbcJwtReplayStore(this.fixture.jdbc, this.fixture.transactionManager), settings,
				this.fixture.clock, this.fixture.abuseLimits, this.fixture.events);
		DeviceSelfService selfService = new DeviceSelfService(verifier, this.fixture.devices, this.fixture.directory,
				this.fixture.transactionManager, this.fixture.events);
		DeviceAnswerService answers = new DeviceAnswerService(verifier, this.fixture.pushAuthRepository,
				this.fixture.devices, this.fixture.outbox, this.fixture.listener, this.fixture.customers,
				this.fixture.transactionManager, this.fixture.clock, this.fixture.events);
		PendingPushAuths pending = new PendingPushAuths(verifier, this.fixture.pushAuthRepository,
				this.fixture.customers, settings, this.fixture.clock, this.fixture.devices);
		return MockMvcBuilders
			.standaloneSetup(new DeviceController(this.fixture.registrationService, selfService, settings),
					new Wso2V1DeviceController(this.fixture.registrationService, selfService, settings),
					new PushAuthController(answers, pending, settings))
			.setControllerAdvice(new DeviceApiExceptionHandler())
			.build();
	}

	private static String body(DiscoveryData data, String pushId) {
		return """
				{"deviceId": "%s", "name": "Galaxy", "model": "SM-G991B", "pushId": "%s",
				 "publicKey": "%s", "signature": "%s"}
				""".formatted(data.deviceId(), pushId, TestKeys.publicKeyBase64(TestKeys.RSA_1024),
				DeviceSignatures.sign(TestKeys.RSA_1024, data.challenge() + "." + pushId));
	}

	private static ResultActions expectError(ResultActions result, ResultMatcher status, String error,
			String description) throws Exception {
		return result.andExpect(status)
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(content().json("{\"error\": \"" + error + "\", \"error_description\": \"" + description + "\"}",
					true));
	}

}
