package dev.ciba.push.web;

import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ciba.push.DeviceJwts;
import dev.ciba.push.DeviceSignatures;
import dev.ciba.push.PushModuleFixture;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.TestDatabase;
import dev.ciba.push.TestKeys;
import dev.ciba.push.api.DiscoveryData;
import dev.ciba.push.api.PushDecision;
import dev.ciba.push.device.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
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
 * Several phones of one customer over HTTP on PostgreSQL: the first answer decides, the
 * others are told the request is closed; the most devices per customer; key rotation.
 */
class MultiDeviceWebTest extends SqlTestBase {

	private static final int RACE_ROUNDS = 25;

	private static final String ALICE = "cust-alice";

	private static final String DEVICES = "/t/bank/api/users/v1/me/push/devices";

	private static final String AUTHENTICATE = "/t/bank/push-auth/authenticate";

	private static final String PENDING = "/t/bank/push-auth/pending";

	private MockMvc mvc;

	private String phone;

	private String tablet;

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

	@BeforeEach
	void setUpMvcAndTwoDevices() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.mvc = MockMvcBuilders.standaloneSetup(
				new DiscoveryDataController(this.fixture.registrations, this.fixture.customers, this.fixture.settings),
				new DeviceController(this.fixture.registrationService, this.fixture.selfService, this.fixture.settings),
				new DeviceKeyController(this.fixture.keyRotation, this.fixture.settings),
				new PushAuthController(this.fixture.answers, this.fixture.pending, this.fixture.settings))
			.setControllerAdvice(new DeviceApiExceptionHandler())
			.build();
		this.phone = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-phone");
		this.tablet = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);
	}

	@AfterEach
	void clearSecurityContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void authenticateWhenApproveAndDenyRaceFromTwoDevicesThenOne200AndOne410() throws Exception {
		for (int round = 0; round < RACE_ROUNDS; round++) {
			String pushAuthId = this.fixture.start(ALICE).pushAuthId();
			String approve = answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED");
			String deny = answer(TestKeys.EC_P256, this.tablet, pushAuthId, "DENIED");
			List<Callable<MockHttpServletResponse>> answers = List.of(() -> postAnswer(approve),
					() -> postAnswer(deny));

			List<Object> outcomes = race(answers);

			List<Integer> statuses = outcomes.stream().map((o) -> ((MockHttpServletResponse) o).getStatus()).toList();
			assertThat(statuses).containsExactlyInAnyOrder(200, 410);
			MockHttpServletResponse loser = (MockHttpServletResponse) outcomes.get(statuses.indexOf(410));
			assertThat(loser.getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
			assertThat(loser.getContentAsString()).isEqualTo(
					"{\"error\":\"invalid_request\",\"error_description\":\"The request was already answered\"}");
			List<PushDecision> decisions = this.fixture.listener.decisions()
				.stream()
				.filter((decision) -> decision.pushAuthId().equals(pushAuthId))
				.toList();
			assertThat(decisions).hasSize(1);
			boolean phoneWon = statuses.get(0) == 200;
			assertThat(decisions.get(0).deviceId()).isEqualTo(phoneWon ? this.phone : this.tablet);
			assertThat(decisions.get(0).approved()).isEqualTo(phoneWon);
			assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo(phoneWon ? "APPROVED" : "DENIED");
			assertThat(answeredDevice(pushAuthId)).isEqualTo(phoneWon ? this.phone : this.tablet);
		}
	}

	@Test
	void pendingWhenAnotherDeviceAnsweredThenNotListedAndLateAnswerGone() throws Exception {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.mvc.perform(get(PENDING).header(HttpHeaders.AUTHORIZATION, "Bearer " + pendingToken(this.tablet)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.pending[0].pushId").value(pushAuthId));

		assertThat(postAnswer(answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED")).getStatus())
			.isEqualTo(200);

		this.mvc.perform(get(PENDING).header(HttpHeaders.AUTHORIZATION, "Bearer " + pendingToken(this.tablet)))
			.andExpect(status().isOk())
			.andExpect(content().json("{\"pending\": []}", true));
		expectError(
				this.mvc.perform(post(AUTHENTICATE).contentType(MediaType.APPLICATION_JSON)
					.content(answerBody(answer(TestKeys.EC_P256, this.tablet, pushAuthId, "DENIED")))),
				status().isGone(), "invalid_request", "The request was already answered");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("APPROVED");
		assertThat(this.fixture.listener.decisions()).hasSize(1);
	}

	@Test
	void registerWhenCustomerHasTheMostDevicesThenBadRequestJsonAndNoDevice() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.fixture.registerDevice(ALICE, TestKeys.EC_P256, "fcm-" + i);
		}
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		String body = registrationJson(data, TestKeys.EC_P256_OTHER);

		expectError(this.mvc.perform(post(DEVICES).contentType(MediaType.APPLICATION_JSON).content(body)),
				status().isBadRequest(), "device_limit_reached",
				"The customer has registered the most devices allowed; remove one first");
		assertThat(this.fixture.devices.findById(data.deviceId())).isEmpty();
		assertThat(this.fixture.directory.activeDevices(ALICE)).hasSize(5);
	}

	@Test
	void discoveryDataWhenCustomerHasTheMostDevicesThenBadRequestJsonAndNothingOpened() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.fixture.registerDevice(ALICE, TestKeys.EC_P256, "fcm-" + i);
		}
		int openBefore = this.fixture.count("device_registration");
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(ALICE, null, List.of()));

		expectError(this.mvc.perform(get("/t/bank/api/users/v1/me/push/discovery-data")), status().isBadRequest(),
				"device_limit_reached", "The customer has registered the most devices allowed; remove one first");
		assertThat(this.fixture.count("device_registration")).isEqualTo(openBefore);
	}

	@Test
	void rotateKeyWhenSignedWithTheOldKeyAndProvenThenNoContentAndNewKeyStored() throws Exception {
		String jti = UUID.randomUUID().toString();

		this.mvc
			.perform(post(DEVICES + "/" + this.phone + "/rotate-key").contentType(MediaType.APPLICATION_JSON)
				.content(tokenBody(rotation(TestKeys.RSA_2048, this.phone, TestKeys.EC_P256_OTHER, jti))))
			.andExpect(status().isNoContent());

		assertThat(this.fixture.devices.findById(this.phone).map(Device::publicKey))
			.contains(TestKeys.publicKeyBase64(TestKeys.EC_P256_OTHER));
		expectError(
				this.mvc.perform(get(PENDING).header(HttpHeaders.AUTHORIZATION,
						"Bearer " + DeviceJwts.pending(TestKeys.RSA_2048, this.phone, this.fixture.clock.instant()))),
				status().isUnauthorized(), "invalid_token", "The token algorithm does not fit the device key");
	}

	@Test
	void rotateKeyWhenApprovalJwtThenBadRequestJsonAndKeyKept() throws Exception {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String approval = DeviceJwts.timedAnswer(TestKeys.RSA_2048, this.phone, pushAuthId,
				this.fixture.challengeOf(pushAuthId), "APPROVED", this.fixture.clock.instant());

		expectError(
				this.mvc
					.perform(post(DEVICES + "/" + this.phone + "/rotate-key").contentType(MediaType.APPLICATION_JSON)
						.content(tokenBody(approval))),
				status().isBadRequest(), "invalid_request", "The token purpose claim does not fit this call");
		assertThat(this.fixture.devices.findById(this.phone).map(Device::publicKey))
			.contains(TestKeys.publicKeyBase64(TestKeys.RSA_2048));
	}

	@Test
	void rotateKeyWhenBadProofThenBadRequestJson() throws Exception {
		String jti = UUID.randomUUID().toString();
		JWTClaimsSet claims = rotationClaims(this.phone, TestKeys.EC_P256_OTHER, jti)
			.claim("proof", DeviceSignatures.sign(TestKeys.EC_P256_OTHER, "something else"))
			.build();

		expectError(
				this.mvc
					.perform(post(DEVICES + "/" + this.phone + "/rotate-key").contentType(MediaType.APPLICATION_JSON)
						.content(tokenBody(DeviceJwts.sign(TestKeys.RSA_2048, this.phone, claims)))),
				status().isBadRequest(), "invalid_request", "The token claim proof does not verify with the new key");
	}

	@Test
	void rotateKeyWhenTokenMissingOrWrongMethodThenJsonErrors() throws Exception {
		expectError(this.mvc.perform(
				post(DEVICES + "/" + this.phone + "/rotate-key").contentType(MediaType.APPLICATION_JSON).content("{}")),
				status().isBadRequest(), "invalid_request", "The parameter token is missing");
		expectError(this.mvc.perform(get(DEVICES + "/" + this.phone + "/rotate-key")), status().isMethodNotAllowed(),
				"method_not_allowed", "The method is not supported on this path")
			.andExpect(header().string(HttpHeaders.ALLOW, "POST"));
	}

	private MockHttpServletResponse postAnswer(String token) throws Exception {
		return this.mvc.perform(post(AUTHENTICATE).contentType(MediaType.APPLICATION_JSON).content(answerBody(token)))
			.andReturn()
			.getResponse();
	}

	private String answer(KeyPair keyPair, String deviceId, String pushAuthId, String response) {
		return DeviceJwts.answer(keyPair, deviceId, pushAuthId, this.fixture.challengeOf(pushAuthId), response,
				this.fixture.clock.instant());
	}

	private String pendingToken(String deviceId) {
		return DeviceJwts.pending(TestKeys.EC_P256, deviceId, this.fixture.clock.instant());
	}

	private String answeredDevice(String pushAuthId) {
		return this.fixture.jdbc.sql("SELECT answered_device_id FROM push_auth WHERE id = ?")
			.param(pushAuthId)
			.query(String.class)
			.single();
	}

	private String rotation(KeyPair oldKey, String deviceId, KeyPair newKey, String jti) {
		return DeviceJwts.sign(oldKey, deviceId, rotationClaims(deviceId, newKey, jti).build());
	}

	private JWTClaimsSet.Builder rotationClaims(String deviceId, KeyPair newKey, String jti) {
		return new JWTClaimsSet.Builder().claim("purpose", "rotate-key")
			.issueTime(Date.from(this.fixture.clock.instant()))
			.expirationTime(Date.from(this.fixture.clock.instant().plusSeconds(120)))
			.jwtID(jti)
			.claim("publicKey", TestKeys.publicKeyBase64(newKey))
			.claim("proof", DeviceSignatures.sign(newKey, deviceId + "." + jti));
	}

	private static String registrationJson(DiscoveryData data, KeyPair keyPair) {
		var request = PushModuleFixture.registrationRequest(data, keyPair, "fcm-new");
		List<String> members = new ArrayList<>();
		members.add("\"deviceId\":\"" + request.deviceId() + "\"");
		members.add("\"name\":\"" + request.name() + "\"");
		members.add("\"model\":\"" + request.model() + "\"");
		members.add("\"deviceToken\":\"" + request.deviceToken() + "\"");
		members.add("\"publicKey\":\"" + request.publicKey() + "\"");
		members.add("\"signature\":\"" + request.signature() + "\"");
		return "{" + String.join(",", members) + "}";
	}

	private static String answerBody(String token) {
		return "{\"authResponse\": \"" + token + "\"}";
	}

	private static String tokenBody(String token) {
		return "{\"token\": \"" + token + "\"}";
	}

	private static ResultActions expectError(ResultActions result, ResultMatcher status, String error,
			String description) throws Exception {
		return result.andExpect(status)
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(content().json("{\"error\": \"" + error + "\", \"error_description\": \"" + description + "\"}",
					true));
	}

}
