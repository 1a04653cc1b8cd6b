package dev.ciba.push.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.DeviceJwts;
import dev.ciba.push.PushModuleFixture;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.SqlTime;
import dev.ciba.push.TestKeys;
import dev.ciba.push.api.DiscoveryData;
import dev.ciba.push.audit.StoredDeviceEvent.Cursor;
import dev.ciba.push.outbox.PushSendResult;
import dev.ciba.push.registration.DeviceRegistrationRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit trail against a real database: every device event this module records, with
 * its columns, and what it never holds.
 */
abstract class DeviceEventsSqlTests extends SqlTestBase {

	private static final String ALICE = "cust-alice";

	private static final String BOB = "cust-bob";

	private String phone;

	@BeforeEach
	void addCustomerWithPhone() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.fixture.customers.add(BOB, "bob", true);
		this.phone = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-phone-token");
		this.fixture.jdbc.sql("DELETE FROM device_event").update();
	}

	@Test
	void registerWhenAcceptedThenRegisteredEvent() {
		this.fixture.clock.advance(Duration.ofMinutes(1));

		String tablet = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);

		assertThat(events()).containsExactly(new Row("REGISTERED", ALICE, tablet, null, null));
		assertThat(this.fixture.jdbc.sql("SELECT occurred_at FROM device_event")
			.query((rs, n) -> SqlTime.read(rs, "occurred_at"))
			.single()).isEqualTo(PushModuleFixture.START.plus(Duration.ofMinutes(1)));
	}

	@Test
	void registerWhenSignatureBadThenRefusedNamingTheOfferedDevice() {
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		DeviceRegistrationRequest request = PushModuleFixture.registrationRequest(data, TestKeys.EC_P256, "fcm-x");
		DeviceRegistrationRequest forged = new DeviceRegistrationRequest(request.deviceId(), request.name(),
				request.model(), request.deviceToken(), TestKeys.publicKeyBase64(TestKeys.RSA_2048),
				request.signature(), null);

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.registrationService.register(forged));

		assertThat(events()).containsExactly(new Row("REFUSED", ALICE, data.deviceId(), null, "BAD_SIGNATURE"));
		assertThat(this.fixture.devices.findById(data.deviceId())).isEmpty();
	}

	@Test
	void registerWhenCustomerDisabledMeanwhileThenRefusedDisabledCustomer() {
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		this.fixture.customers.setEnabled(ALICE, false);

		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.registrationService
			.register(PushModuleFixture.registrationRequest(data, TestKeys.EC_P256, null)));

		assertThat(events()).containsExactly(new Row("REFUSED", ALICE, data.deviceId(), null, "DISABLED_CUSTOMER"));
	}

	@Test
	void updateWhenAcceptedThenUpdatedEvent() {
		this.fixture.selfService.update(this.phone, updateToken("Work phone"));

		assertThat(events()).containsExactly(new Row("UPDATED", ALICE, this.phone, null, null));
	}

	@Test
	void removeWhenPhoneRemovesItselfThenRemovedByDevice() {
		this.fixture.selfService.remove(this.phone, DeviceJwts.sign(TestKeys.RSA_2048, this.phone,
				DeviceJwts.claims("remove", this.fixture.clock.instant(), Duration.ofSeconds(60)).build()));

		assertThat(events()).containsExactly(new Row("REMOVED", ALICE, this.phone, null, "DEVICE"));
	}

	@Test
	void removeWhenCustomerRemovesInThePortalThenRemovedByPortal() {
		assertThat(this.fixture.directory.remove(ALICE, this.phone)).isTrue();

		assertThat(events()).containsExactly(new Row("REMOVED", ALICE, this.phone, null, "PORTAL"));
	}

	@Test
	void removeWhenAnotherCustomersDeviceInThePortalThenNothingRecorded() {
		assertThat(this.fixture.directory.remove(BOB, this.phone)).isFalse();

		assertThat(events()).isEmpty();
	}

	@Test
	void removeWhenUpdateTokenIsUsedThenRefusedWrongPurpose() {
		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.selfService.remove(this.phone, updateToken("New name")));

		assertThat(events()).containsExactly(new Row("REFUSED", ALICE, this.phone, null, "WRONG_PURPOSE"));
	}

	@Test
	void dispatchWhenPushSentThenNotifiedNamingTheRequestByItsHash() {
		this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);
		this.fixture.jdbc.sql("DELETE FROM device_event").update();
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		this.fixture.dispatcher.dispatchDue();

		assertThat(events()).containsExactly(new Row("NOTIFIED", ALICE, this.phone, reference(pushAuthId), null));
		assertThat(reference(pushAuthId)).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(pushAuthId);
	}

	@Test
	void dispatchWhenPushFailsForGoodThenPushFailedWithTheProviderCodeAndNoEventForTheRetry() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.sender.thenAnswer(PushSendResult.retryable("unavailable"),
				PushSendResult.permanent("invalid_argument"));

		this.fixture.dispatcher.dispatchDue();
		List<Row> afterRetryableFailure = events();
		this.fixture.clock.advance(Duration.ofMinutes(1));
		this.fixture.dispatcher.dispatchDue();

		assertThat(afterRetryableFailure).isEmpty();
		assertThat(events())
			.containsExactly(new Row("PUSH_FAILED", ALICE, this.phone, reference(pushAuthId), "invalid_argument"));
	}

	@Test
	void answerWhenApprovedOrDeniedThenAnsweredWithTheDecision() {
		String approved = this.fixture.start(ALICE).pushAuthId();
		String denied = this.fixture.start(ALICE).pushAuthId();

		this.fixture.answers.answer(answer(approved, "APPROVED"));
		this.fixture.answers.answer(answer(denied, "DENIED"));

		assertThat(events()).containsExactly(new Row("ANSWERED", ALICE, this.phone, reference(approved), "APPROVED"),
				new Row("ANSWERED", ALICE, this.phone, reference(denied), "DENIED"));
	}

	@Test
	void answerWhenServerRefusesTheDecisionThenNoAnsweredEventButARefusal() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.listener.accept(false);

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.answers.answer(answer(pushAuthId, "APPROVED")));

		assertThat(events())
			.containsExactly(new Row("REFUSED", ALICE, this.phone, reference(pushAuthId), "EXPIRED_REQUEST"));
	}

	@Test
	void answerWhenChallengeWrongThenRefusedWrongChallenge() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = DeviceJwts.answer(TestKeys.RSA_2048, this.phone, pushAuthId, "wrongChallenge", "APPROVED",
				this.fixture.clock.instant());

		assertRefusedWith(token, reference(pushAuthId), "WRONG_CHALLENGE");
	}

	@Test
	void answerWhenDeviceWasNotNotifiedThenRefusedNotNotified() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String late = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);
		this.fixture.jdbc.sql("DELETE FROM device_event").update();
		String token = DeviceJwts.answer(TestKeys.EC_P256, late, pushAuthId, this.fixture.challengeOf(pushAuthId),
				"APPROVED", this.fixture.clock.instant());

		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.answers.answer(token));

		assertThat(events()).containsExactly(new Row("REFUSED", ALICE, late, reference(pushAuthId), "NOT_NOTIFIED"));
	}

	@Test
	void answerWhenRequestUnknownThenRefusedUnknownRequest() {
		String token = DeviceJwts.answer(TestKeys.RSA_2048, this.phone, "unknownPushAuth", "chg", "APPROVED",
				this.fixture.clock.instant());

		assertRefusedWith(token, reference("unknownPushAuth"), "UNKNOWN_REQUEST");
	}

	@Test
	void answerWhenAlreadyAnsweredThenRefusedAlreadyAnswered() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.answers.answer(answer(pushAuthId, "APPROVED"));
		this.fixture.jdbc.sql("DELETE FROM device_event").update();

		assertRefusedWith(answer(pushAuthId, "DENIED"), reference(pushAuthId), "ALREADY_ANSWERED");
	}

	@Test
	void answerWhenRequestExpiredThenRefusedExpiredRequest() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = answer(pushAuthId, "APPROVED");
		this.fixture.clock.advance(Duration.ofMinutes(5));

		assertRefusedWith(token, reference(pushAuthId), "EXPIRED_REQUEST");
	}

	@Test
	void answerWhenCustomerDisabledThenRefusedDisabledCustomer() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.customers.setEnabled(ALICE, false);

		assertRefusedWith(answer(pushAuthId, "APPROVED"), reference(pushAuthId), "DISABLED_CUSTOMER");
	}

	@Test
	void answerWhenSignedByAnotherKeyThenRefusedBadSignature() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = DeviceJwts.answer(TestKeys.RSA_2048_OTHER, this.phone, pushAuthId,
				this.fixture.challengeOf(pushAuthId), "APPROVED", this.fixture.clock.instant());

		assertRefusedWith(token, null, "BAD_SIGNATURE");
	}

	@Test
	void answerWhenTokenReplayedThenRefusedReplayedToken() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, this.phone,
				DeviceJwts.claims("authenticate", this.fixture.clock.instant(), Duration.ofSeconds(60))
					.claim("pushAuthId", pushAuthId)
					.claim("challenge", this.fixture.challengeOf(pushAuthId))
					.claim("response", "APPROVED")
					.build());
		this.fixture.answers.answer(token);
		this.fixture.jdbc.sql("DELETE FROM device_event").update();

		assertRefusedWith(token, null, "REPLAYED_TOKEN");
	}

	@Test
	void answerWhenTokenExpiredThenRefusedExpiredToken() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String token = answer(pushAuthId, "APPROVED");
		this.fixture.clock.advance(Duration.ofMinutes(12));

		assertRefusedWith(token, null, "EXPIRED_TOKEN");
	}

	@Test
	void answerWhenDeviceRemovedThenRefusedRemovedDevice() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.directory.remove(ALICE, this.phone);
		this.fixture.jdbc.sql("DELETE FROM device_event").update();

		assertRefusedWith(answer(pushAuthId, "APPROVED"), null, "REMOVED_DEVICE");
	}

	@Test
	void answerWhenDeviceUnknownThenRefusedAndNotRecorded() {
		String token = DeviceJwts.answer(TestKeys.RSA_2048, "never-registered", "push", "chg", "APPROVED",
				this.fixture.clock.instant());

		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.answers.answer(token));

		assertThat(events()).isEmpty();
	}

	@Test
	void answerWhenTokenIsGarbageThenNothingRecorded() {
		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.answers.answer("garbage"));

		assertThat(events()).isEmpty();
	}

	@Test
	void eventsWhenEveryKindRecordedThenNoneHoldsARequestIdOrAnyToken() {
		List<String> secrets = new ArrayList<>(
				List.of("fcm-phone-token", "fcm-new-token", TestKeys.publicKeyBase64(TestKeys.RSA_2048), "Pay 10 EUR"));
		String approved = this.fixture.start(ALICE).pushAuthId();
		this.fixture.dispatcher.dispatchDue();
		String answer = answer(approved, "APPROVED");
		this.fixture.answers.answer(answer);
		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.answers.answer(answer));
		String failed = this.fixture.start(ALICE).pushAuthId();
		this.fixture.sender.thenAnswer(PushSendResult.permanent("unregistered"));
		this.fixture.dispatcher.dispatchDue();
		String update = DeviceJwts.sign(TestKeys.RSA_2048, this.phone,
				DeviceJwts.claims("update", this.fixture.clock.instant(), Duration.ofSeconds(60))
					.claim("deviceToken", "fcm-new-token")
					.build());
		this.fixture.selfService.update(this.phone, update);
		secrets.addAll(List.of(approved, failed, this.fixture.challengeOf(approved), this.fixture.challengeOf(failed),
				answer, update));

		List<Row> rows = events();

		assertThat(rows).extracting(Row::type)
			.containsExactly("NOTIFIED", "ANSWERED", "REFUSED", "PUSH_FAILED", "UPDATED");
		assertThat(rows).extracting(Row::requestRef)
			.containsExactly(reference(approved), reference(approved), reference(approved), reference(failed), null);
		List<String> values = this.fixture.jdbc.sql("SELECT * FROM device_event").query((rs, n) -> {
			List<String> columns = new ArrayList<>();
			for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
				columns.add(String.valueOf(rs.getObject(i)));
			}
			return String.join("|", columns);
		}).list();
		assertThat(values).hasSize(5)
			.allSatisfy(
					(value) -> assertThat(secrets).allSatisfy((secret) -> assertThat(value).doesNotContain(secret)));
	}

	@Test
	void recordWhenASuccessEventComesOutsideATransactionThenRefusedAndNothingStored() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.fixture.events.record(DeviceEvent.updated(ALICE, this.phone)));

		assertThat(events()).isEmpty();
	}

	@Test
	void recordWhenARefusalComesInsideATransactionThatRollsBackThenKept() {
		new TransactionTemplate(this.fixture.transactionManager).executeWithoutResult((status) -> {
			this.fixture.events.record(DeviceEvent.refused(ALICE, this.phone, null, RefusalReason.BAD_SIGNATURE));
			this.fixture.events.record(DeviceEvent.updated(ALICE, this.phone));
			status.setRollbackOnly();
		});

		assertThat(events()).containsExactly(new Row("REFUSED", ALICE, this.phone, null, "BAD_SIGNATURE"));
	}

	@Test
	void recentWhenPagedThenTheCustomersEventsNewestFirst() {
		TransactionTemplate transaction = new TransactionTemplate(this.fixture.transactionManager);
		for (int i = 0; i < 5; i++) {
			transaction.executeWithoutResult((status) -> this.fixture.events.record(DeviceEvent.updated(ALICE, "d")));
			transaction
				.executeWithoutResult((status) -> this.fixture.events.record(DeviceEvent.updated(BOB, "bob-device")));
			if (i != 2) {
				this.fixture.clock.advance(Duration.ofSeconds(1));
			}
		}

		List<StoredDeviceEvent> first = this.fixture.events.recent(ALICE, null, 2);
		List<StoredDeviceEvent> second = this.fixture.events.recent(ALICE, first.get(1).cursor(), 2);
		List<StoredDeviceEvent> third = this.fixture.events.recent(ALICE, second.get(1).cursor(), 2);

		List<StoredDeviceEvent> all = new ArrayList<>(first);
		all.addAll(second);
		all.addAll(third);
		assertThat(all).hasSize(5).allSatisfy((event) -> assertThat(event.event().customerId()).isEqualTo(ALICE));
		assertThat(all).extracting(StoredDeviceEvent::id).doesNotHaveDuplicates();
		assertThat(all).extracting(StoredDeviceEvent::occurredAt)
			.isSortedAccordingTo((a, b) -> b.compareTo(a))
			.containsExactly(at(3), at(2), at(2), at(1), at(0));
		assertThat(this.fixture.events.recent(ALICE, new Cursor(at(0), all.get(4).id()), 2)).isEmpty();
	}

	private static Instant at(int seconds) {
		return PushModuleFixture.START.plusSeconds(seconds);
	}

	private void assertRefusedWith(String token, @Nullable String requestRef, String reason) {
		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.answers.answer(token));

		assertThat(events()).containsExactly(new Row("REFUSED", ALICE, this.phone, requestRef, reason));
	}

	private String answer(String pushAuthId, String response) {
		return DeviceJwts.answer(TestKeys.RSA_2048, this.phone, pushAuthId, this.fixture.challengeOf(pushAuthId),
				response, this.fixture.clock.instant());
	}

	private String updateToken(String name) {
		Instant now = this.fixture.clock.instant();
		return DeviceJwts.sign(TestKeys.RSA_2048, this.phone,
				new JWTClaimsSet.Builder().expirationTime(Date.from(now.plusSeconds(60))).claim("name", name).build());
	}

	private static String reference(String pushAuthId) {
		return DeviceEvent.requestReference(pushAuthId);
	}

	private List<Row> events() {
		return this.fixture.jdbc
			.sql("SELECT event_type, customer_id, device_id, request_ref, reason FROM device_event ORDER BY id")
			.query((rs, n) -> new Row(rs.getString("event_type"), rs.getString("customer_id"),
					rs.getString("device_id"), rs.getString("request_ref"), rs.getString("reason")))
			.list();
	}

	record Row(String type, @Nullable String customerId, @Nullable String deviceId, @Nullable String requestRef,
			@Nullable String reason) {
	}

}
