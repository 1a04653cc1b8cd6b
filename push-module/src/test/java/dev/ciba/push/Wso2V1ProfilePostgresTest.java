package dev.ciba.push;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ciba.push.api.DiscoveryData;
import dev.ciba.push.api.PushDecision;
import dev.ciba.push.auth.PushAuthMessages;
import dev.ciba.push.auth.PushAuthRecord;
import dev.ciba.push.auth.Wso2V1PushData;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.outbox.PushMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The compatibility profile for generation 1 ("push-auth") of the WSO2 protocol against
 * PostgreSQL: registration with a 1024-bit key, the generation-1 push data, the pull, the
 * answer and the removal, each with the checks that hold for generation 2 too.
 */
class Wso2V1ProfilePostgresTest extends SqlTestBase {

	private static final String ALICE = "cust-alice";

	private static final String BOB = "cust-bob";

	private static final String AUDIENCE = "https://ciba.example/t/bank/";

	private String v1Phone;

	private String v2Phone;

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

	@Override
	protected PushChannelSettings settings() {
		return super.settings().withWso2V1(new PushChannelSettings.Wso2V1(true, Duration.ofHours(1)));
	}

	@BeforeEach
	void addCustomersAndDevices() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.fixture.customers.add(BOB, "bob", true);
		this.v1Phone = this.fixture.registerWso2V1Device(ALICE, TestKeys.RSA_1024, "fcm-v1");
		this.fixture.clock.advance(Duration.ofSeconds(1));
		this.v2Phone = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, null);
	}

	@Test
	void registerWso2V1WhenRsa1024ThenStoredAsGenerationOneDeviceAndRegistrationUsedUp() {
		Device device = this.fixture.devices.findById(this.v1Phone).orElseThrow();

		assertThat(device.protocol()).isEqualTo(DeviceProtocol.WSO2_PUSH_AUTH);
		assertThat(device.pushToken()).isEqualTo("fcm-v1");
		assertThat(device.provider()).isEqualTo("FCM");
		assertThat(device.publicKey()).isEqualTo(TestKeys.publicKeyBase64(TestKeys.RSA_1024));
		assertThat(this.fixture.jdbc.sql("SELECT protocol FROM device WHERE id = ?")
			.param(this.v2Phone)
			.query(String.class)
			.single()).isEqualTo("WSO2_PUSH");
		assertThat(this.fixture.jdbc.sql("SELECT used_at FROM device_registration WHERE device_id = ?")
			.param(this.v1Phone)
			.query(Instant.class)
			.optional()).isPresent();
	}

	@Test
	void registerWhenGenerationTwoPathWithRsa1024ThenRefusedAndRegistrationStillOpen() {
		DiscoveryData data = this.fixture.registrations.open(ALICE);

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.registrationService
				.register(PushModuleFixture.registrationRequest(data, TestKeys.RSA_1024, null)))
			.satisfies((ex) -> assertThat(ex.description())
				.isEqualTo("The parameter publicKey is not acceptable: The RSA key must have 2048 to 8192 bits"));
		assertThat(this.fixture.registrations.findOpen(ALICE, data.deviceId())).isPresent();
	}

	@Test
	void registerWso2V1WhenEcKeyThenRefused() {
		DiscoveryData data = this.fixture.registrations.open(ALICE);

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.registrationService
				.registerWso2V1(PushModuleFixture.wso2V1RegistrationRequest(data, TestKeys.EC_P256, "fcm-1")))
			.satisfies((ex) -> assertThat(ex.description())
				.isEqualTo("The parameter publicKey must be an RSA key in this protocol"));
		assertThat(this.fixture.devices.findById(data.deviceId())).isEmpty();
	}

	@Test
	void registerWhenRegistrationUsedByOneGenerationThenTheOtherIsRefused() {
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		this.fixture.registrationService
			.registerWso2V1(PushModuleFixture.wso2V1RegistrationRequest(data, TestKeys.RSA_1024, "fcm-2"));

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.registrationService
				.register(PushModuleFixture.registrationRequest(data, TestKeys.RSA_2048_OTHER, null)))
			.satisfies((ex) -> assertThat(ex.description())
				.isEqualTo("The registration is unknown, already used or expired"));
		assertThat(this.fixture.devices.findById(data.deviceId()).map(Device::protocol))
			.contains(DeviceProtocol.WSO2_PUSH_AUTH);
	}

	@Test
	void registerWso2V1WhenSignatureOverAnotherPushIdThenRefused() {
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		String signature = DeviceSignatures.sign(TestKeys.RSA_1024, data.challenge() + ".other-token");

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.registrationService
				.registerWso2V1(new dev.ciba.push.registration.Wso2V1RegistrationRequest(data.deviceId(), "Galaxy",
						"SM-G991B", "fcm-3", TestKeys.publicKeyBase64(TestKeys.RSA_1024), signature)))
			.satisfies((ex) -> assertThat(ex.description())
				.isEqualTo("The signature does not verify with the public key"));
	}

	@Test
	void startWhenGenerationOneDeviceThenItsPushCarriesTheGenerationOneData() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		this.fixture.dispatchTrigger.runAll();

		List<PushMessage> sent = this.fixture.sender.messages();
		assertThat(sent).singleElement().satisfies((message) -> {
			assertThat(message.deviceId()).isEqualTo(this.v1Phone);
			assertThat(message.pushToken()).isEqualTo("fcm-v1");
			assertThat(message.title()).isEqualTo("Sign-in request");
			assertThat(message.body()).isEqualTo("alice is requesting to sign in to Payments Ltd");
			assertThat(message.data()).isEqualTo(expectedData(pushAuthId));
		});
	}

	@Test
	void messageForWhenProfileSwitchedOffThenGenerationOneDeviceGetsNoPush() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		PushAuthMessages profileOff = new PushAuthMessages(this.fixture.pushAuthRepository, this.fixture.devices,
				this.fixture.customers,
				PushChannelSettings.defaults(PushModuleFixture.TENANT, PushModuleFixture.BASE_URL));

		assertThat(profileOff.messageFor(pushAuthId, this.v1Phone, this.fixture.clock.instant())).isEmpty();
		assertThat(this.fixture.messages.messageFor(pushAuthId, this.v1Phone, this.fixture.clock.instant()))
			.isPresent();
	}

	@Test
	void pendingWhenGenerationOneTokenThenTheEntriesAreThePushData() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		List<Map<String, String>> pending = this.fixture.pending.pending(v1Token(pendingClaims()));

		assertThat(pending).containsExactly(expectedData(pushAuthId));
	}

	@Test
	void pendingWhenGenerationTwoDevicePullsThenGenerationTwoEntries() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		List<Map<String, String>> pending = this.fixture.pending
			.pending(DeviceJwts.pending(TestKeys.RSA_2048, this.v2Phone, this.fixture.clock.instant()));

		assertThat(pending).singleElement()
			.satisfies((entry) -> assertThat(entry).containsEntry("pushId", pushAuthId)
				.doesNotContainKey("sessionDataKey"));
	}

	@Test
	void pendingWhenGenerationOneDeviceSendsGenerationTwoTokenThenInvalidToken() {
		this.fixture.start(ALICE);
		String token = DeviceJwts.sign(JWSAlgorithm.RS256, Wso2V1Jwts.signer(TestKeys.RSA_1024), this.v1Phone,
				DeviceJwts.claims("pending", this.fixture.clock.instant(), Duration.ofSeconds(120)).build());

		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.pending.pending(token))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
				assertThat(ex.error()).isEqualTo("invalid_token");
				assertThat(ex.description()).isEqualTo("The token form does not fit the device's protocol generation");
			});
	}

	@Test
	void answerWhenGenerationOneApprovalThenDecisionTakenAsGenerationOne() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.clock.advance(Duration.ofSeconds(10));

		DeviceProtocol protocol = this.fixture.answers.answer(v1Answer(pushAuthId, "SUCCESSFUL"));

		assertThat(protocol).isEqualTo(DeviceProtocol.WSO2_PUSH_AUTH);
		assertThat(this.fixture.listener.decisions())
			.containsExactly(new PushDecision(pushAuthId, ALICE, this.v1Phone, true, this.fixture.clock.instant()));
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("APPROVED");
		assertThat(this.fixture.count("device_jwt_replay")).isEqualTo(1);
	}

	@Test
	void answerWhenGenerationOneDenialThenDenied() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		this.fixture.answers.answer(v1Answer(pushAuthId, "DENIED"));

		assertThat(this.fixture.listener.decisions()).singleElement()
			.satisfies((decision) -> assertThat(decision.approved()).isFalse());
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("DENIED");
	}

	@Test
	void answerWhenGenerationOneResponseIsApprovedThenInvalidRequest() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		assertRefused(v1Answer(pushAuthId, "APPROVED"), HttpStatus.BAD_REQUEST, "invalid_request",
				"The token claim res must be SUCCESSFUL or DENIED");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void answerWhenSameTokenSentTwiceThenReplayRefused() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = v1Answer(pushAuthId, "SUCCESSFUL");
		this.fixture.answers.answer(token);

		assertRefused(token, HttpStatus.BAD_REQUEST, "invalid_request", "The token was already used");
		assertThat(this.fixture.listener.decisions()).hasSize(1);
	}

	@Test
	void answerWhenAnsweredAgainWithAFreshTokenThenGone() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.answers.answer(v1Answer(pushAuthId, "SUCCESSFUL"));

		assertRefused(v1Answer(pushAuthId, "DENIED"), HttpStatus.GONE, "invalid_request",
				"The request was already answered");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("APPROVED");
	}

	@Test
	void answerWhenChallengeWrongThenInvalidRequestNamingChg() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = v1Token(Wso2V1Jwts
			.answerClaims(AUDIENCE, pushAuthId, "wrong-challenge", "SUCCESSFUL", this.fixture.clock.instant())
			.build());

		assertRefused(token, HttpStatus.BAD_REQUEST, "invalid_request", "The token claim chg does not match");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void answerWhenGenerationOneDeviceOfAnotherCustomerThenForbidden() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String bobsPhone = this.fixture.registerWso2V1Device(BOB, TestKeys.RSA_2048_OTHER, "fcm-bob");
		String token = Wso2V1Jwts.sign(TestKeys.RSA_2048_OTHER, bobsPhone,
				Wso2V1Jwts
					.answerClaims(AUDIENCE, pushAuthId, this.fixture.challengeOf(pushAuthId), "SUCCESSFUL",
							this.fixture.clock.instant())
					.build());

		assertRefused(token, HttpStatus.FORBIDDEN, "access_denied", "The device was not asked for this request");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void answerWhenCustomerDisabledThenForbidden() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.customers.setEnabled(ALICE, false);

		assertRefused(v1Answer(pushAuthId, "SUCCESSFUL"), HttpStatus.FORBIDDEN, "access_denied",
				"The end-user's account is disabled");
	}

	@Test
	void answerWhenExpiredRequestThenGone() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = v1Answer(pushAuthId, "SUCCESSFUL");
		this.fixture.clock.advance(Duration.ofMinutes(6));

		assertRefused(token, HttpStatus.GONE, "expired_token", "The request has expired or ended");
	}

	@Test
	void answerWhenGenerationOneDeviceAnswersInGenerationTwoFormThenRefused() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("pushAuthId", pushAuthId)
			.claim("challenge", this.fixture.challengeOf(pushAuthId))
			.claim("response", "APPROVED")
			.expirationTime(java.util.Date.from(this.fixture.clock.instant().plusSeconds(600)))
			.build();
		String token = DeviceJwts.sign(JWSAlgorithm.RS256, Wso2V1Jwts.signer(TestKeys.RSA_1024), this.v1Phone, claims);

		assertRefused(token, HttpStatus.BAD_REQUEST, "invalid_request",
				"The token form does not fit the device's protocol generation");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void answerWhenGenerationTwoDeviceAnswersInGenerationOneFormThenRefused() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = Wso2V1Jwts.sign(TestKeys.RSA_2048, this.v2Phone,
				Wso2V1Jwts
					.answerClaims(AUDIENCE, pushAuthId, this.fixture.challengeOf(pushAuthId), "SUCCESSFUL",
							this.fixture.clock.instant())
					.build());

		assertRefused(token, HttpStatus.BAD_REQUEST, "invalid_request",
				"The token form does not fit the device's protocol generation");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void answerWhenGenerationTwoDeviceAnswersInItsOwnFormThenTakenAsGenerationTwo() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = DeviceJwts.answer(TestKeys.RSA_2048, this.v2Phone, pushAuthId,
				this.fixture.challengeOf(pushAuthId), "APPROVED", this.fixture.clock.instant());

		assertThat(this.fixture.answers.answer(token)).isEqualTo(DeviceProtocol.WSO2_PUSH);
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("APPROVED");
	}

	@Test
	void removeWhenGenerationOneRemoveTokenThenRemovedAndRefusedAfterwards() {
		String token = v1Token(Wso2V1Jwts.removeClaims(AUDIENCE, this.fixture.clock.instant()).build());

		this.fixture.selfService.remove(this.v1Phone, token, DeviceProtocol.WSO2_PUSH_AUTH);

		assertThat(this.fixture.devices.findById(this.v1Phone).map(Device::active)).contains(false);
		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.pending.pending(v1Token(pendingClaims())))
			.satisfies((ex) -> assertThat(ex.description()).isEqualTo("The device is not registered"));
	}

	@Test
	void removeWhenAnswerTokenUsedThenRefusedAndDeviceKept() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String answer = v1Answer(pushAuthId, "DENIED");

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.selfService.remove(this.v1Phone, answer, DeviceProtocol.WSO2_PUSH_AUTH))
			.satisfies((ex) -> assertThat(ex.description()).isEqualTo("The token act claim does not fit this call"));
		assertThat(this.fixture.devices.findById(this.v1Phone).map(Device::active)).contains(true);
	}

	@Test
	void removeWhenSentAgainThenTheDeviceIsNoLongerRegistered() {
		String token = v1Token(Wso2V1Jwts.removeClaims(AUDIENCE, this.fixture.clock.instant()).build());
		this.fixture.selfService.remove(this.v1Phone, token, DeviceProtocol.WSO2_PUSH_AUTH);

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.selfService.remove(this.v1Phone, token, DeviceProtocol.WSO2_PUSH_AUTH))
			.satisfies((ex) -> assertThat(ex.description()).isEqualTo("The device is not registered"));
	}

	private Map<String, String> expectedData(String pushAuthId) {
		PushAuthRecord record = this.fixture.pushAuthRepository.findById(pushAuthId).orElseThrow();
		Map<String, String> data = Wso2V1PushData.of(record, this.v1Phone, "alice", this.fixture.settings);
		assertThat(data).containsEntry("sessionDataKey", pushAuthId)
			.containsEntry("challenge", this.fixture.challengeOf(pushAuthId))
			.containsEntry("metadata", "{\"binding_message\":\"Pay 10 EUR\",\"scope\":\"openid\"}")
			.containsEntry("ipAddress", "203.0.113.7")
			.containsEntry("expiresAt", "2026-03-02T09:05:01Z");
		return data;
	}

	private JWTClaimsSet pendingClaims() {
		return Wso2V1Jwts.pendingClaims(AUDIENCE, this.fixture.clock.instant()).build();
	}

	private String v1Answer(String pushAuthId, String res) {
		return v1Token(Wso2V1Jwts
			.answerClaims(AUDIENCE, pushAuthId, this.fixture.challengeOf(pushAuthId), res, this.fixture.clock.instant())
			.build());
	}

	private String v1Token(JWTClaimsSet claims) {
		return Wso2V1Jwts.sign(TestKeys.RSA_1024, this.v1Phone, claims);
	}

	private void assertRefused(String token, HttpStatus status, String error, String description) {
		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.answers.answer(token))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(status);
				assertThat(ex.error()).isEqualTo(error);
				assertThat(ex.description()).isEqualTo(description);
			});
	}

}
