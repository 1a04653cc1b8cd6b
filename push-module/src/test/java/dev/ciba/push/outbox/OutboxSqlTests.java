package dev.ciba.push.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.device.Device;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.SqlTime;
import dev.ciba.push.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox and the dispatcher against a real database.
 */
abstract class OutboxSqlTests extends SqlTestBase {

	private static final String ALICE = "cust-alice";

	private String phone;

	private String tablet;

	@Override
	protected PushChannelSettings settings() {
		PushChannelSettings defaults = super.settings();
		PushChannelSettings.Outbox outbox = defaults.outbox();
		return defaults.withOutbox(new PushChannelSettings.Outbox(outbox.pollDelay(), 3, 3, Duration.ofSeconds(5),
				Duration.ofSeconds(15), Duration.ofMinutes(2)));
	}

	@BeforeEach
	void addCustomerAndDevices() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.phone = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-phone");
		this.tablet = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, "fcm-tablet");
	}

	@Test
	void dispatchDueWhenSentThenRowsSentAndAttemptsRecorded() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		int handled = this.fixture.dispatcher.dispatchDue();

		assertThat(handled).isEqualTo(2);
		assertThat(this.fixture.sender.messages()).extracting(PushMessage::deviceId)
			.containsExactlyInAnyOrder(this.phone, this.tablet);
		assertThat(rows("SELECT status FROM push_outbox")).containsExactly("SENT", "SENT");
		assertThat(rows("SELECT push_auth_id || ':' || outcome || ':' || COALESCE(error_code, '-') FROM push_attempt"))
			.containsExactly(pushAuthId + ":SENT:-", pushAuthId + ":SENT:-");
		assertThat(this.fixture.dispatcher.dispatchDue()).isZero();
	}

	@Test
	void dispatchDueWhenRetryableFailureThenRetriedAfterBackoff() {
		this.fixture.start(ALICE);
		this.fixture.sender.thenAnswer(PushSendResult.retryable("UNAVAILABLE"), PushSendResult.retryable("QUOTA"));

		this.fixture.dispatcher.dispatchDue();

		Instant retryAt = this.fixture.clock.instant().plusSeconds(5);
		assertThat(rows("SELECT status || ':' || attempts || ':' || last_error FROM push_outbox ORDER BY last_error"))
			.containsExactly("PENDING:1:QUOTA", "PENDING:1:UNAVAILABLE");
		assertThat(this.fixture.jdbc.sql("SELECT DISTINCT next_attempt_at FROM push_outbox")
			.query((rs, row) -> SqlTime.read(rs, "next_attempt_at"))
			.list()).containsExactly(retryAt);
		assertThat(this.fixture.dispatcher.dispatchDue()).isZero();
		this.fixture.clock.advance(Duration.ofSeconds(5));
		assertThat(this.fixture.dispatcher.dispatchDue()).isEqualTo(2);
		assertThat(rows("SELECT status || ':' || attempts FROM push_outbox")).containsExactly("SENT:2", "SENT:2");
		assertThat(rows("SELECT outcome FROM push_attempt ORDER BY id")).containsExactly("RETRY", "RETRY", "SENT",
				"SENT");
	}

	@Test
	void dispatchDueWhenRetryableUpToMaxAttemptsThenFailed() {
		this.fixture.devices.updatePushToken(this.tablet, null, "NONE");
		this.fixture.start(ALICE);
		this.fixture.sender.thenAnswer(PushSendResult.retryable("UNAVAILABLE"), PushSendResult.retryable("UNAVAILABLE"),
				PushSendResult.retryable("UNAVAILABLE"));

		for (int attempt = 0; attempt < 3; attempt++) {
			this.fixture.dispatcher.dispatchDue();
			this.fixture.clock.advance(Duration.ofSeconds(15));
		}

		assertThat(rows("SELECT status || ':' || attempts || ':' || last_error FROM push_outbox"))
			.containsExactly("FAILED:3:UNAVAILABLE");
		assertThat(rows("SELECT outcome FROM push_attempt ORDER BY id")).containsExactly("RETRY", "RETRY", "FAILED");
		assertThat(this.fixture.sender.messages()).hasSize(3);
	}

	@Test
	void dispatchDueWhenPermanentFailureThenFailedAtOnce() {
		this.fixture.devices.updatePushToken(this.tablet, null, "NONE");
		this.fixture.start(ALICE);
		this.fixture.sender.thenAnswer(PushSendResult.permanent("UNREGISTERED"));

		this.fixture.dispatcher.dispatchDue();

		assertThat(rows("SELECT status || ':' || last_error FROM push_outbox")).containsExactly("FAILED:UNREGISTERED");
		assertThat(rows("SELECT outcome || ':' || error_code FROM push_attempt"))
			.containsExactly("FAILED:UNREGISTERED");
	}

	@Test
	void dispatchDueWhenProviderForgotTheTokenThenDeviceMarkedUnreachableAndStillNotified() {
		this.fixture.devices.updatePushToken(this.tablet, null, "NONE");
		this.fixture.start(ALICE);
		this.fixture.sender.thenAnswer(PushSendResult.permanent(PushSendResult.UNREGISTERED));

		this.fixture.dispatcher.dispatchDue();
		String second = this.fixture.start(ALICE).pushAuthId();

		Device phone = this.fixture.devices.findById(this.phone).orElseThrow();
		assertThat(phone.pushToken()).isNull();
		assertThat(phone.active()).isTrue();
		assertThat(this.fixture.directory.activeDevices(ALICE)).filteredOn((d) -> d.deviceId().equals(this.phone))
			.singleElement()
			.satisfies((summary) -> assertThat(summary.unreachable()).isTrue());
		assertThat(rows("SELECT COUNT(*) FROM push_outbox WHERE push_auth_id = '" + second + "'")).containsExactly("0");
		assertThat(rows("SELECT COUNT(*) FROM push_auth_device WHERE push_auth_id = '" + second + "'"))
			.containsExactly("2");
	}

	@Test
	void updateWhenUnreachableDeviceSendsANewTokenThenReachableAgain() {
		this.fixture.devices.markPushTokenStale(this.phone, "fcm-phone", this.fixture.clock.instant());

		this.fixture.devices.updatePushToken(this.phone, "fcm-phone-2", "FCM");

		assertThat(this.fixture.directory.activeDevices(ALICE)).filteredOn((d) -> d.deviceId().equals(this.phone))
			.singleElement()
			.satisfies((summary) -> {
				assertThat(summary.unreachable()).isFalse();
				assertThat(summary.pullOnly()).isFalse();
			});
	}

	@Test
	void markStaleWhenTheTokenChangedMeanwhileThenKept() {
		this.fixture.devices.updatePushToken(this.phone, "fcm-phone-new", "FCM");

		boolean marked = this.fixture.devices.markPushTokenStale(this.phone, "fcm-phone", this.fixture.clock.instant());

		assertThat(marked).isFalse();
		assertThat(this.fixture.devices.findById(this.phone).orElseThrow().pushToken()).isEqualTo("fcm-phone-new");
	}

	@Test
	void dispatchDueWhenSenderThrowsThenRetryableAndRequestUnharmed() {
		this.fixture.devices.updatePushToken(this.tablet, null, "NONE");
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		this.fixture.sender.thenAnswer(new IllegalStateException("provider down"));

		this.fixture.dispatcher.dispatchDue();

		assertThat(rows("SELECT status || ':' || last_error FROM push_outbox"))
			.containsExactly("PENDING:sender_exception");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void dispatchDueWhenRequestExpiredThenCancelledWithoutSending() {
		this.fixture.start(ALICE);
		this.fixture.clock.advance(Duration.ofMinutes(5));

		this.fixture.dispatcher.dispatchDue();

		assertThat(this.fixture.sender.messages()).isEmpty();
		assertThat(rows("SELECT status FROM push_outbox")).containsExactly("CANCELLED", "CANCELLED");
		assertThat(this.fixture.count("push_attempt")).isZero();
	}

	@Test
	void dispatchDueWhenTokenChangedAfterQueueingThenNewTokenUsed() {
		this.fixture.devices.updatePushToken(this.tablet, null, "NONE");
		this.fixture.start(ALICE);
		this.fixture.devices.updatePushToken(this.phone, "fcm-phone-2", "FCM");

		this.fixture.dispatcher.dispatchDue();

		assertThat(this.fixture.sender.messages()).extracting(PushMessage::pushToken).containsExactly("fcm-phone-2");
	}

	@Test
	void dispatchDueWhenRowsClaimedByAnotherNodeThenSkippedUntilTheLeaseEnds() {
		this.fixture.start(ALICE);
		Instant now = this.fixture.clock.instant();
		List<OutboxEntry> claimedElsewhere = new TransactionTemplate(this.fixture.transactionManager)
			.execute((status) -> this.fixture.outbox.claimDue(now, 10, now.plus(Duration.ofMinutes(2))));

		int handledDuringLease = this.fixture.dispatcher.dispatchDue();
		this.fixture.clock.advance(Duration.ofMinutes(2));
		int handledAfterLease = this.fixture.dispatcher.dispatchDue();

		assertThat(claimedElsewhere).hasSize(2);
		assertThat(handledDuringLease).isZero();
		assertThat(handledAfterLease).isEqualTo(2);
		assertThat(rows("SELECT status || ':' || attempts FROM push_outbox")).containsExactly("SENT:2", "SENT:2");
		assertThat(this.fixture.outbox.markSent(claimedElsewhere.get(0))).isFalse();
	}

	@Test
	void dispatchDueWhenTwoDispatchersRaceThenEachPushSentOnce() throws Exception {
		List<String> pushAuthIds = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			pushAuthIds.add(this.fixture.start(ALICE).pushAuthId());
		}
		PushDispatcher otherNode = new PushDispatcher(this.fixture.outbox, this.fixture.messages, this.fixture.sender,
				this.fixture.devices, this.fixture.settings, this.fixture.transactionManager, this.fixture.clock,
				this.fixture.events, Runnable::run);
		List<Callable<Integer>> nodes = List.of(this.fixture.dispatcher::dispatchDue, otherNode::dispatchDue,
				this.fixture.dispatcher::dispatchDue, otherNode::dispatchDue);

		List<Object> handled = race(nodes);

		Map<String, Long> sendsPerPush = this.fixture.sender.messages()
			.stream()
			.collect(Collectors.groupingBy((message) -> message.data().get("pushId") + "/" + message.deviceId(),
					Collectors.counting()));
		assertThat(handled).allSatisfy((count) -> assertThat(count).isInstanceOf(Integer.class));
		assertThat(handled.stream().mapToInt(Integer.class::cast).sum()).isEqualTo(24);
		assertThat(sendsPerPush).hasSize(24).allSatisfy((push, sends) -> assertThat(sends).isEqualTo(1L));
		assertThat(sendsPerPush.keySet()).extracting((key) -> key.substring(0, key.indexOf('/')))
			.containsOnlyElementsOf(pushAuthIds);
		assertThat(rows("SELECT DISTINCT status FROM push_outbox")).containsExactly("SENT");
		assertThat(this.fixture.count("push_attempt")).isEqualTo(24);
	}

	@Test
	void backoffWhenAttemptsGrowThenDoublesUpToTheMaximum() {
		Function<Integer, Duration> backoff = this.fixture.dispatcher::backoff;

		assertThat(backoff.apply(1)).isEqualTo(Duration.ofSeconds(5));
		assertThat(backoff.apply(2)).isEqualTo(Duration.ofSeconds(10));
		assertThat(backoff.apply(3)).isEqualTo(Duration.ofSeconds(15));
		assertThat(backoff.apply(40)).isEqualTo(Duration.ofSeconds(15));
	}

	private List<String> rows(String sql) {
		return this.fixture.jdbc.sql(sql).query(String.class).list();
	}

}
