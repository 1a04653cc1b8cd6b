package dev.ciba.push.auth;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.ciba.push.DeviceApiException;
import dev.ciba.push.DeviceJwts;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.TestKeys;
import dev.ciba.push.api.NoActiveDeviceException;
import dev.ciba.push.api.PushAuthStarted;
import dev.ciba.push.api.PushDecision;
import dev.ciba.push.device.Device;
import dev.ciba.push.outbox.PushMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Push authentications, answers and the pending pull against a real database.
 */
abstract class PushAuthSqlTests extends SqlTestBase {

	private static final String ALICE = "cust-alice";

	private static final String BOB = "cust-bob";

	private static final int RACE_ROUNDS = 20;

	private String phone;

	private String tablet;

	@BeforeEach
	void addCustomersAndDevices() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.fixture.customers.add(BOB, "bob", true);
		this.phone = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-phone");
		this.fixture.clock.advance(Duration.ofSeconds(1));
		this.tablet = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);
	}

	@Test
	void startWhenNoActiveDeviceThenRefusedAndNothingStored() {
		assertThatExceptionOfType(NoActiveDeviceException.class).isThrownBy(() -> this.fixture.start(BOB));

		assertThat(this.fixture.count("push_auth")).isZero();
		assertThat(this.fixture.count("push_outbox")).isZero();
	}

	@Test
	void startWhenPushAndPullOnlyDevicesThenBothNotifiedAndOnePushQueued() {
		PushAuthStarted started = this.fixture.start(ALICE);

		assertThat(started.pushAuthId()).matches("[A-Za-z0-9_-]{43}");
		assertThat(started.notifiedDeviceIds()).containsExactly(this.tablet, this.phone);
		assertThat(this.fixture.statusOf(started.pushAuthId())).isEqualTo("PENDING");
		assertThat(this.fixture.count("push_auth_device")).isEqualTo(2);
		assertThat(this.fixture.jdbc.sql("SELECT device_id FROM push_outbox").query(String.class).list())
			.containsExactly(this.phone);
		assertThat(this.fixture.dispatchTrigger.queued()).isEqualTo(1);
	}

	@Test
	void startWhenCommittedThenDispatchSendsThePushData() {
		PushAuthStarted started = this.fixture.start(ALICE);

		this.fixture.dispatchTrigger.runAll();

		List<PushMessage> sent = this.fixture.sender.messages();
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0).deviceId()).isEqualTo(this.phone);
		assertThat(sent.get(0).pushToken()).isEqualTo("fcm-phone");
		assertThat(sent.get(0).title()).isEqualTo("Sign-in request");
		assertThat(sent.get(0).body()).isEqualTo("Payments Ltd asks you to approve a sign-in");
		assertThat(sent.get(0).data()).containsEntry("pushId", started.pushAuthId())
			.containsEntry("challenge", this.fixture.challengeOf(started.pushAuthId()))
			.containsEntry("deviceId", this.phone)
			.containsEntry("username", "alice")
			.containsEntry("bindingMessage", "Pay 10 EUR")
			.containsEntry("expiresAt", "2026-03-02T09:05:01Z");
	}

	@Test
	void startWhenCallerRollsBackThenNothingStoredAndNothingSent() {
		TransactionTemplate caller = new TransactionTemplate(this.fixture.transactionManager);

		caller.executeWithoutResult((status) -> {
			this.fixture.start(ALICE);
			status.setRollbackOnly();
		});

		assertThat(this.fixture.count("push_auth")).isZero();
		assertThat(this.fixture.count("push_outbox")).isZero();
		assertThat(this.fixture.dispatchTrigger.queued()).isZero();
	}

	@Test
	void closeWhenPendingThenClosedAndPushesCancelled() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		this.fixture.pushAuthentications.close(pushAuthId);

		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("CLOSED");
		assertThat(outboxStatuses(pushAuthId)).containsExactly("CANCELLED");
	}

	@Test
	void answerWhenApprovedThenServerTakesTheDecision() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.clock.advance(Duration.ofSeconds(10));

		this.fixture.answers.answer(answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED"));

		Instant now = this.fixture.clock.instant();
		assertThat(this.fixture.listener.decisions())
			.containsExactly(new PushDecision(pushAuthId, ALICE, this.phone, true, now));
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("APPROVED");
		assertThat(this.fixture.jdbc.sql("SELECT answered_device_id FROM push_auth").query(String.class).single())
			.isEqualTo(this.phone);
		assertThat(this.fixture.devices.findById(this.phone).map(Device::lastUsedAt)).contains(now);
		assertThat(outboxStatuses(pushAuthId)).containsExactly("CANCELLED");
	}

	@Test
	void answerWhenTheDeviceWasUsedLessThanAMinuteAgoThenTheEarlierUseStays() {
		Instant pulled = this.fixture.clock.instant();
		this.fixture.pending.pending(DeviceJwts.pending(TestKeys.RSA_2048, this.phone, pulled));
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.clock.advance(Duration.ofSeconds(59));

		this.fixture.answers.answer(answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED"));

		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("APPROVED");
		assertThat(this.fixture.devices.findById(this.phone).map(Device::lastUsedAt)).contains(pulled);
	}

	@Test
	void answerWhenDeniedByPullOnlyDeviceThenDenied() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		this.fixture.answers.answer(answer(TestKeys.EC_P256, this.tablet, pushAuthId, "DENIED"));

		assertThat(this.fixture.listener.decisions()).singleElement()
			.satisfies((decision) -> assertThat(decision.approved()).isFalse());
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("DENIED");
	}

	@Test
	void answerWhenDeviceWasNotNotifiedThenForbidden() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String later = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048_OTHER, "fcm-later");

		assertRefused(answer(TestKeys.RSA_2048_OTHER, later, pushAuthId, "APPROVED"), HttpStatus.FORBIDDEN,
				"access_denied");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void answerWhenDeviceOfAnotherCustomerThenForbidden() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String bobsPhone = this.fixture.registerDevice(BOB, TestKeys.RSA_2048_OTHER, "fcm-bob");

		assertRefused(answer(TestKeys.RSA_2048_OTHER, bobsPhone, pushAuthId, "APPROVED"), HttpStatus.FORBIDDEN,
				"access_denied");
		assertThat(this.fixture.listener.decisions()).isEmpty();
	}

	@Test
	void answerWhenChallengeWrongThenInvalidRequest() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = DeviceJwts.answer(TestKeys.RSA_2048, this.phone, pushAuthId, "wrong", "APPROVED",
				this.fixture.clock.instant());

		assertRefused(token, HttpStatus.BAD_REQUEST, "invalid_request");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void answerWhenUnknownPushAuthThenInvalidRequest() {
		String token = DeviceJwts.answer(TestKeys.RSA_2048, this.phone, "unknown", "c", "APPROVED",
				this.fixture.clock.instant());

		assertRefused(token, HttpStatus.BAD_REQUEST, "invalid_request");
	}

	@Test
	void answerWhenCustomerWasDisabledThenForbiddenAndStillPending() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.customers.setEnabled(ALICE, false);

		assertRefused(answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED"), HttpStatus.FORBIDDEN,
				"access_denied");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
		assertThat(this.fixture.listener.decisions()).isEmpty();
	}

	@Test
	void answerWhenPushAuthIdHasANulCharacterThenInvalidRequest() {
		this.fixture.start(ALICE);
		String token = DeviceJwts.answer(TestKeys.RSA_2048, this.phone, "a\u0000b", "c", "APPROVED",
				this.fixture.clock.instant());

		assertRefused(token, HttpStatus.BAD_REQUEST, "invalid_request");
	}

	@Test
	void answerWhenResponseNeitherApprovedNorDeniedThenInvalidRequest() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		assertRefused(answer(TestKeys.RSA_2048, this.phone, pushAuthId, "SUCCESSFUL"), HttpStatus.BAD_REQUEST,
				"invalid_request");
	}

	@Test
	void answerWhenExpiredThenGone() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.clock.advance(Duration.ofMinutes(5));

		assertRefused(answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED"), HttpStatus.GONE, "expired_token");
	}

	@Test
	void answerWhenAlreadyAnsweredThenGone() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.answers.answer(answer(TestKeys.EC_P256, this.tablet, pushAuthId, "DENIED"));

		assertRefused(answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED"), HttpStatus.GONE,
				"invalid_request");
		assertThat(this.fixture.listener.decisions()).hasSize(1);
	}

	@Test
	void answerWhenServerRefusesTheDecisionThenGoneAndRolledBack() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.listener.accept(false);

		assertRefused(answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED"), HttpStatus.GONE, "expired_token");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
		assertThat(this.fixture.devices.findById(this.phone).map(Device::lastUsedAt)).isEmpty();
		assertThat(outboxStatuses(pushAuthId)).containsExactly("PENDING");
	}

	@Test
	void answerWhenSameTokenWithJtiSentTwiceThenReplayRefused() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.listener.accept(false);
		Instant now = this.fixture.clock.instant();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, this.phone,
				DeviceJwts.claims("authenticate", now, Duration.ofSeconds(60))
					.claim("pushAuthId", pushAuthId)
					.claim("challenge", this.fixture.challengeOf(pushAuthId))
					.claim("response", "APPROVED")
					.build());
		assertRefused(token, HttpStatus.GONE, "expired_token");

		assertRefused(token, HttpStatus.BAD_REQUEST, "invalid_request");
		assertThat(this.fixture.count("device_jwt_replay")).isEqualTo(1);
	}

	@Test
	void answerWhenTwoDevicesAnswerAtOnceThenExactlyOneDecisionInEveryRound() throws Exception {
		for (int round = 1; round <= RACE_ROUNDS; round++) {
			String pushAuthId = this.fixture.start(ALICE).pushAuthId();
			String approve = answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED");
			String deny = answer(TestKeys.EC_P256, this.tablet, pushAuthId, "DENIED");
			List<Callable<Boolean>> answers = List.of(answerTask(approve), answerTask(deny));

			List<Object> outcomes = race(answers);

			assertThat(outcomes).as("round %d", round).filteredOn(Boolean.TRUE::equals).hasSize(1);
			assertThat(outcomes).filteredOn(DeviceApiException.class::isInstance).singleElement().satisfies((ex) -> {
				assertThat(((DeviceApiException) ex).status()).isEqualTo(HttpStatus.GONE);
				assertThat(((DeviceApiException) ex).error()).isEqualTo("invalid_request");
			});
			boolean approved = Boolean.TRUE.equals(outcomes.get(0));
			assertThat(this.fixture.listener.decisions()).filteredOn((d) -> d.pushAuthId().equals(pushAuthId))
				.singleElement()
				.satisfies((decision) -> {
					assertThat(decision.approved()).isEqualTo(approved);
					assertThat(decision.deviceId()).isEqualTo(approved ? this.phone : this.tablet);
				});
			assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo(approved ? "APPROVED" : "DENIED");
			assertThat(this.fixture.jdbc.sql("SELECT answered_device_id FROM push_auth WHERE id = ?")
				.param(pushAuthId)
				.query(String.class)
				.single()).isEqualTo(approved ? this.phone : this.tablet);
		}
	}

	@Test
	void pendingWhenNotifiedThenPushDataOfOpenRequestsOnly() {
		String first = this.fixture.start(ALICE).pushAuthId();
		this.fixture.clock.advance(Duration.ofSeconds(1));
		String second = this.fixture.start(ALICE).pushAuthId();
		this.fixture.clock.advance(Duration.ofSeconds(1));
		String answered = this.fixture.start(ALICE).pushAuthId();
		this.fixture.answers.answer(answer(TestKeys.RSA_2048, this.phone, answered, "DENIED"));

		List<Map<String, String>> pending = this.fixture.pending
			.pending(DeviceJwts.pending(TestKeys.EC_P256, this.tablet, this.fixture.clock.instant()));

		assertThat(pending).extracting((entry) -> entry.get("pushId")).containsExactly(second, first);
		assertThat(pending.get(0)).containsEntry("deviceId", this.tablet)
			.containsEntry("challenge", this.fixture.challengeOf(second))
			.containsEntry("relativePath", "/t/bank")
			.containsEntry("notificationScenario", "AUTHENTICATION")
			.hasSize(13);
	}

	@Test
	void pendingWhenPushWasSentThenPullEntryIsExactlyThePushData() {
		this.fixture.start(ALICE);
		this.fixture.dispatchTrigger.runAll();
		Map<String, String> pushed = this.fixture.sender.messages().get(0).data();

		List<Map<String, String>> pulled = this.fixture.pending
			.pending(DeviceJwts.pending(TestKeys.RSA_2048, this.phone, this.fixture.clock.instant()));

		assertThat(pulled).containsExactly(pushed);
		assertThat(List.copyOf(pulled.get(0).keySet())).isEqualTo(List.copyOf(pushed.keySet()));
	}

	@Test
	void answerWhenRemoveOrUpdateTokenCarriesAnswerClaimsThenRefusedAndStillPending() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		for (String purpose : List.of("remove", "update")) {
			String token = DeviceJwts.sign(TestKeys.RSA_2048, this.phone,
					DeviceJwts.claims(purpose, this.fixture.clock.instant(), Duration.ofSeconds(60))
						.claim("pushAuthId", pushAuthId)
						.claim("challenge", this.fixture.challengeOf(pushAuthId))
						.claim("response", "APPROVED")
						.build());

			assertRefused(token, HttpStatus.BAD_REQUEST, "invalid_request");
		}
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
		assertThat(this.fixture.listener.decisions()).isEmpty();
	}

	@Test
	void answerWhenWso2RemoveTokenWithoutPurposeThenRefusedAndStillPending() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String removeToken = DeviceJwts.sign(TestKeys.RSA_2048, this.phone,
				new com.nimbusds.jwt.JWTClaimsSet.Builder()
					.expirationTime(java.util.Date.from(this.fixture.clock.instant().plusSeconds(60)))
					.build());

		assertRefused(removeToken, HttpStatus.BAD_REQUEST, "invalid_request");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void removeOrUpdateWhenApprovalJwtReplayedThenRefusedAndDeviceUnchanged() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String approval = DeviceJwts.timedAnswer(TestKeys.RSA_2048, this.phone, pushAuthId,
				this.fixture.challengeOf(pushAuthId), "APPROVED", this.fixture.clock.instant());
		String wso2Approval = answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED");
		this.fixture.answers.answer(approval);

		for (String token : List.of(approval, wso2Approval)) {
			assertThatExceptionOfType(DeviceApiException.class)
				.isThrownBy(() -> this.fixture.selfService.remove(this.phone, token))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
			assertThatExceptionOfType(DeviceApiException.class)
				.isThrownBy(() -> this.fixture.selfService.update(this.phone, token))
				.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
		}
		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.selfService.remove(this.phone, approval))
			.satisfies(
					(ex) -> assertThat(ex.description()).isEqualTo("The token purpose claim does not fit this call"));
		Device device = this.fixture.devices.findById(this.phone).orElseThrow();
		assertThat(device.active()).isTrue();
		assertThat(device.pushToken()).isEqualTo("fcm-phone");
		assertThat(device.name()).isEqualTo("Pixel");
	}

	@Test
	void pendingWhenRequestExpiredThenNotListed() {
		this.fixture.start(ALICE);
		this.fixture.clock.advance(Duration.ofMinutes(5));

		assertThat(this.fixture.pending
			.pending(DeviceJwts.pending(TestKeys.EC_P256, this.tablet, this.fixture.clock.instant()))).isEmpty();
	}

	@Test
	void pendingWhenTokenRefusedThenUnauthorizedWithChallenge() {
		String answerToken = answer(TestKeys.EC_P256, this.tablet, "x", "APPROVED");

		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.pending.pending(answerToken))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
				assertThat(ex.error()).isEqualTo("invalid_token");
				assertThat(ex.headers()).containsEntry("WWW-Authenticate", "Bearer error=\"invalid_token\"");
			});
	}

	@Test
	void removeWhenDeviceRemovesItselfThenRemovedAndRefusedAfterwards() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		Instant now = this.fixture.clock.instant();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, this.phone,
				DeviceJwts.claims("remove", now, Duration.ofSeconds(60)).build());

		this.fixture.selfService.remove(this.phone, token);

		Device removed = this.fixture.devices.findById(this.phone).orElseThrow();
		assertThat(removed.active()).isFalse();
		assertThat(removed.pushToken()).isNull();
		assertThat(outboxStatuses(pushAuthId)).containsExactly("CANCELLED");
		assertRefused(answer(TestKeys.RSA_2048, this.phone, pushAuthId, "APPROVED"), HttpStatus.BAD_REQUEST,
				"invalid_request");
	}

	@Test
	void removeWhenTokenCarriesUpdateClaimsThenRefusedAndDeviceKept() {
		Instant now = this.fixture.clock.instant();
		String updateToken = DeviceJwts.sign(TestKeys.RSA_2048, this.phone,
				new com.nimbusds.jwt.JWTClaimsSet.Builder().expirationTime(java.util.Date.from(now.plusSeconds(60)))
					.claim("name", "New name")
					.build());

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.selfService.remove(this.phone, updateToken))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
		assertThat(this.fixture.devices.findById(this.phone).orElseThrow().active()).isTrue();
	}

	@Test
	void updateWhenNameHasABidiOverrideThenRefused() {
		Instant now = this.fixture.clock.instant();
		String token = DeviceJwts.sign(TestKeys.EC_P256, this.tablet,
				DeviceJwts.claims("update", now, Duration.ofSeconds(60)).claim("name", "Phone \u202Eevil").build());

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.selfService.update(this.tablet, token))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST));
		assertThat(this.fixture.devices.findById(this.tablet).orElseThrow().name()).doesNotContain("evil");
	}

	@Test
	void updateWhenNewTokenAndNameThenStored() {
		Instant now = this.fixture.clock.instant();
		String token = DeviceJwts.sign(TestKeys.EC_P256, this.tablet,
				DeviceJwts.claims("update", now, Duration.ofSeconds(60))
					.claim("deviceToken", "fcm-tablet")
					.claim("name", "Kitchen tablet")
					.build());

		this.fixture.selfService.update(this.tablet, token);

		Device updated = this.fixture.devices.findById(this.tablet).orElseThrow();
		assertThat(updated.pushToken()).isEqualTo("fcm-tablet");
		assertThat(updated.provider()).isEqualTo("FCM");
		assertThat(updated.name()).isEqualTo("Kitchen tablet");
	}

	@Test
	void updateWhenEmptyTokenThenPullOnly() {
		Instant now = this.fixture.clock.instant();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, this.phone,
				DeviceJwts.claims("update", now, Duration.ofSeconds(60)).claim("deviceToken", "").build());

		this.fixture.selfService.update(this.phone, token);

		Device updated = this.fixture.devices.findById(this.phone).orElseThrow();
		assertThat(updated.pullOnly()).isTrue();
		assertThat(updated.provider()).isEqualTo("NONE");
		assertThat(updated.name()).isEqualTo("Pixel");
	}

	@Test
	void directoryWhenListedThenActiveDevicesNewestFirst() {
		assertThat(this.fixture.directory.activeDevices(ALICE)).extracting((device) -> device.deviceId())
			.containsExactly(this.tablet, this.phone);
		assertThat(this.fixture.directory.activeDevices(ALICE).get(0).pullOnly()).isTrue();
	}

	@Test
	void directoryRemoveWhenAnotherCustomersDeviceThenFalse() {
		assertThat(this.fixture.directory.remove(BOB, this.phone)).isFalse();
		assertThat(this.fixture.directory.remove(ALICE, this.phone)).isTrue();
		assertThat(this.fixture.directory.remove(ALICE, this.phone)).isFalse();
		assertThat(this.fixture.directory.activeDevices(ALICE)).hasSize(1);
	}

	@Test
	void directoryRenameWhenOwnActiveDeviceThenRenamedAndOnlyThen() {
		assertThat(this.fixture.directory.rename(BOB, this.phone, "Stolen")).isFalse();
		assertThat(this.fixture.directory.rename(ALICE, this.phone, "Work phone")).isTrue();
		assertThat(this.fixture.devices.findById(this.phone).orElseThrow().name()).isEqualTo("Work phone");
		this.fixture.directory.remove(ALICE, this.phone);
		assertThat(this.fixture.directory.rename(ALICE, this.phone, "Too late")).isFalse();
		assertThat(this.fixture.devices.findById(this.phone).orElseThrow().name()).isEqualTo("Work phone");
	}

	@Test
	void directoryWhenListedThenEachDeviceNamesItsProtocolGeneration() {
		assertThat(this.fixture.directory.activeDevices(ALICE)).extracting((device) -> device.protocolGeneration())
			.containsOnly(2);
	}

	@Test
	void pendingWhenPulledThenLastUseRecordedAtMostOnceAMinute() {
		Instant first = this.fixture.clock.instant();
		this.fixture.pending.pending(DeviceJwts.pending(TestKeys.EC_P256, this.tablet, first));
		this.fixture.clock.advance(Duration.ofSeconds(30));
		this.fixture.pending.pending(DeviceJwts.pending(TestKeys.EC_P256, this.tablet, this.fixture.clock.instant()));

		assertThat(this.fixture.devices.findById(this.tablet).orElseThrow().lastUsedAt()).isEqualTo(first);

		this.fixture.clock.advance(Duration.ofSeconds(31));
		Instant later = this.fixture.clock.instant();
		this.fixture.pending.pending(DeviceJwts.pending(TestKeys.EC_P256, this.tablet, later));

		assertThat(this.fixture.devices.findById(this.tablet).orElseThrow().lastUsedAt()).isEqualTo(later);
	}

	private Callable<Boolean> answerTask(String token) {
		return () -> {
			this.fixture.answers.answer(token);
			return true;
		};
	}

	/**
	 * An answer as the WSO2 SDKs make it, echoing the stored challenge (a dummy for
	 * unknown requests).
	 */
	private String answer(KeyPair keyPair, String deviceId, String pushAuthId, String response) {
		return DeviceJwts.answer(keyPair, deviceId, pushAuthId, storedChallenge(pushAuthId), response,
				this.fixture.clock.instant());
	}

	private String storedChallenge(String pushAuthId) {
		return this.fixture.jdbc.sql("SELECT challenge FROM push_auth WHERE id = ?")
			.param(pushAuthId)
			.query(String.class)
			.optional()
			.orElse("dummy");
	}

	private List<String> outboxStatuses(String pushAuthId) {
		return this.fixture.jdbc.sql("SELECT status FROM push_outbox WHERE push_auth_id = ?")
			.param(pushAuthId)
			.query(String.class)
			.list();
	}

	private void assertRefused(String token, HttpStatus status, String error) {
		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.answers.answer(token))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(status);
				assertThat(ex.error()).isEqualTo(error);
			});
	}

}
