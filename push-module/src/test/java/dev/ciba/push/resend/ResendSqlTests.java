package dev.ciba.push.resend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.ciba.push.DeviceJwts;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.TestKeys;
import dev.ciba.push.outbox.PushMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes of unanswered requests sent again, against a real database, with a clock the
 * tests move.
 */
abstract class ResendSqlTests extends SqlTestBase {

	private static final String ALICE = "cust-alice";

	private static final Duration AFTER = Duration.ofSeconds(30);

	private String phone;

	private String tablet;

	@BeforeEach
	void addCustomerAndDevices() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.phone = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-phone");
		this.tablet = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);
	}

	@Test
	void resendDueWhenUnansweredForTheDelayThenSameDataPushedAgainToThePushDevice() {
		String pushAuthId = startAndSend();
		this.fixture.clock.advance(AFTER.minusSeconds(1));
		assertThat(this.fixture.resender.resendDue()).isZero();
		assertThat(this.fixture.dispatchTrigger.queued()).isZero();

		this.fixture.clock.advance(Duration.ofSeconds(1));
		int queued = this.fixture.resender.resendDue();
		this.fixture.dispatchTrigger.runAll();

		assertThat(queued).isEqualTo(1);
		List<PushMessage> sent = this.fixture.sender.messages();
		assertThat(sent).hasSize(2);
		assertThat(sent.get(1).deviceId()).isEqualTo(this.phone);
		assertThat(sent.get(1).pushToken()).isEqualTo("fcm-phone");
		assertThat(sent.get(1).data()).isEqualTo(sent.get(0).data());
		assertThat(resendCount(pushAuthId)).isEqualTo(1);
		assertThat(outboxStatuses(pushAuthId)).containsExactly("SENT", "SENT");
	}

	@Test
	void resendDueWhenMaxCountReachedThenNoMorePushes() {
		String pushAuthId = startAndSend();

		for (int round = 0; round < 2; round++) {
			this.fixture.clock.advance(AFTER);
			assertThat(this.fixture.resender.resendDue()).isEqualTo(1);
			this.fixture.dispatchTrigger.runAll();
		}
		this.fixture.clock.advance(AFTER);
		assertThat(this.fixture.resender.resendDue()).isZero();
		this.fixture.clock.advance(AFTER.multipliedBy(3));
		assertThat(this.fixture.resender.resendDue()).isZero();

		assertThat(this.fixture.sender.messages()).hasSize(3);
		assertThat(resendCount(pushAuthId)).isEqualTo(2);
	}

	@Test
	void resendDueWhenTheNextRoundIsNotDueYetThenNothing() {
		startAndSend();
		this.fixture.clock.advance(AFTER);
		assertThat(this.fixture.resender.resendDue()).isEqualTo(1);
		this.fixture.dispatchTrigger.runAll();

		this.fixture.clock.advance(AFTER.minusSeconds(1));

		assertThat(this.fixture.resender.resendDue()).isZero();
		assertThat(this.fixture.sender.messages()).hasSize(2);
	}

	@Test
	void resendDueWhenAnsweredThenNothing() {
		String pushAuthId = startAndSend();
		this.fixture.answers.answer(DeviceJwts.answer(TestKeys.EC_P256, this.tablet, pushAuthId,
				this.fixture.challengeOf(pushAuthId), "APPROVED", this.fixture.clock.instant()));

		this.fixture.clock.advance(AFTER);

		assertThat(this.fixture.resender.resendDue()).isZero();
		assertThat(resendCount(pushAuthId)).isZero();
		assertThat(outboxStatuses(pushAuthId)).containsExactly("SENT");
	}

	@Test
	void resendDueWhenClosedOrExpiredThenNothing() {
		String closed = startAndSend();
		this.fixture.pushAuthentications.close(closed);
		String expiring = startAndSend();

		this.fixture.clock.advance(Duration.ofMinutes(5));

		assertThat(this.fixture.resender.resendDue()).isZero();
		assertThat(resendCount(closed)).isZero();
		assertThat(resendCount(expiring)).isZero();
		assertThat(this.fixture.sender.messages()).hasSize(2);
	}

	@Test
	void resendDueWhenDevicesRemovedStaleOrAddedLaterThenOnlyNotifiedActiveReachableOnes() {
		String second = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048_OTHER, "fcm-second");
		String third = this.fixture.registerDevice(ALICE, TestKeys.EC_P256_OTHER, "fcm-third");
		String pushAuthId = startAndSend();
		this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-after-the-request");
		this.fixture.directory.remove(ALICE, second);
		this.fixture.devices.markPushTokenStale(this.phone, "fcm-phone", this.fixture.clock.instant());
		this.fixture.sender.clear();

		this.fixture.clock.advance(AFTER);
		int queued = this.fixture.resender.resendDue();
		this.fixture.dispatchTrigger.runAll();

		assertThat(queued).isEqualTo(1);
		assertThat(this.fixture.sender.messages()).extracting(PushMessage::deviceId).containsExactly(third);
		assertThat(resendCount(pushAuthId)).isEqualTo(1);
	}

	@Test
	void resendDueWhenTheFirstPushStillWaitsInTheOutboxThenNotQueuedTwice() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.dispatchTrigger.clear();

		this.fixture.clock.advance(AFTER);
		int queued = this.fixture.resender.resendDue();

		assertThat(queued).isZero();
		assertThat(outboxStatuses(pushAuthId)).containsExactly("PENDING");
		assertThat(resendCount(pushAuthId)).isEqualTo(1);
	}

	@Test
	void resendDueWhenTwoNodesRunAtOnceThenEachRoundQueuedOnce() throws Exception {
		List<String> pushAuthIds = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			pushAuthIds.add(startAndSend());
		}
		this.fixture.clock.advance(AFTER);
		PushResender otherNode = this.fixture.newResender();
		List<Callable<Integer>> nodes = List.of(this.fixture.resender::resendDue, otherNode::resendDue);

		List<Object> queued = race(nodes);

		assertThat(queued).allSatisfy((count) -> assertThat(count).isInstanceOf(Integer.class));
		assertThat(queued.stream().mapToInt((count) -> (Integer) count).sum()).isEqualTo(5);
		for (String pushAuthId : pushAuthIds) {
			assertThat(resendCount(pushAuthId)).isEqualTo(1);
			assertThat(outboxStatuses(pushAuthId)).containsExactlyInAnyOrder("SENT", "PENDING");
		}
	}

	@Test
	void resendDueWhenDisabledThenNothing() {
		String pushAuthId = startAndSend();
		PushChannelSettings disabled = this.fixture.settings.withResend(new PushChannelSettings.Resend(AFTER, 0));
		PushResender resender = new PushResender(this.fixture.jdbc, this.fixture.dispatcher, disabled,
				this.fixture.transactionManager, this.fixture.clock);

		this.fixture.clock.advance(AFTER.multipliedBy(2));

		assertThat(resender.resendDue()).isZero();
		assertThat(resendCount(pushAuthId)).isZero();
	}

	/**
	 * Starts a request and sends its first push.
	 */
	private String startAndSend() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.dispatchTrigger.runAll();
		return pushAuthId;
	}

	private int resendCount(String pushAuthId) {
		return this.fixture.jdbc.sql("SELECT resend_count FROM push_auth WHERE id = ?")
			.param(pushAuthId)
			.query(Integer.class)
			.single();
	}

	private List<String> outboxStatuses(String pushAuthId) {
		return this.fixture.jdbc.sql("SELECT status FROM push_outbox WHERE push_auth_id = ? ORDER BY id")
			.param(pushAuthId)
			.query(String.class)
			.list();
	}

}
