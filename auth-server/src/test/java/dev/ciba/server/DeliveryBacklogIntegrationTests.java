package dev.ciba.server;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.NotificationReceiver.Call;
import dev.ciba.server.ciba.AuthReqId;
import dev.ciba.server.delivery.ClientNotificationDispatcher;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pings that become due while every delivery worker is busy go out as soon as a worker is
 * free, not at the next scheduled run: one worker, and a scheduled run far away.
 */
@TestPropertySource(properties = { "ciba.delivery.threads=1", "ciba.delivery.poll-delay=1h" })
class DeliveryBacklogIntegrationTests extends CustomerFlowIntegrationTest {

	private static final String PING_CLIENT = "ping-client";

	private static final String PING_SECRET = "ping-client-secret-0123456789abcdefgh";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final NotificationReceiver receiver = NotificationReceiver.shared();

	private final String slowToken = "slow-" + UUID.randomUUID();

	@Autowired
	private ClientNotificationDispatcher dispatcher;

	@AfterEach
	void releaseTheSlowEndpoint() {
		this.receiver.release(this.slowToken);
	}

	@Test
	void pingWhenTheOnlyWorkerIsBusyThenTheNextPingGoesOutOnceItIsFree() {
		CibaTestClient client = new CibaTestClient(url(""));
		Phone slowPhone = registerPhone(newCustomer());
		Phone phone = registerPhone(newCustomer());
		String token = "next-" + UUID.randomUUID();
		this.receiver.hang(this.slowToken);
		start(client, slowPhone, this.slowToken);
		start(client, phone, token);

		slowPhone.approve(slowPhone.pending().get(0));
		assertThat(this.receiver.awaitCalls(this.slowToken, 1, WAIT)).hasSize(1);
		phone.approve(phone.pending().get(0));
		List<Call> whileBusy = this.receiver.calls(token);
		this.receiver.release(this.slowToken);
		List<Call> afterwards = this.receiver.awaitCalls(token, 1, WAIT);

		assertThat(whileBusy).isEmpty();
		assertThat(afterwards).hasSize(1);
		assertThat(afterwards.get(0).authorization()).isEqualTo("Bearer " + token);
	}

	@Test
	void pingWhenARowHasNoAttemptsLeftThenTheFastRunLeavesItAndTheScheduledRunFailsIt() {
		CibaTestClient client = new CibaTestClient(url(""));
		Phone spentPhone = registerPhone(newCustomer());
		Phone phone = registerPhone(newCustomer());
		String spentToken = "spent-" + UUID.randomUUID();
		String token = "fresh-" + UUID.randomUUID();
		String spentId = start(client, spentPhone, spentToken);
		start(client, phone, token);
		// As rows are left when every attempt's node died before reporting back: due,
		// every attempt (3 here) counted, the last lease over.
		this.jdbc.sql("""
				UPDATE client_notification SET status = 'DUE', decision = 'APPROVED', attempts = 3, next_attempt_at = ?
				WHERE ciba_request_id = (SELECT id FROM ciba_request WHERE auth_req_id_hash = ?)""")
			.params(this.clock.instant().minusSeconds(1).atOffset(ZoneOffset.UTC), new AuthReqId(spentId).hash())
			.update();

		phone.approve(phone.pending().get(0));
		List<Call> fresh = this.receiver.awaitCalls(token, 1, WAIT);
		Map<String, Object> afterFastRun = NotificationRows.notification(this.jdbc, spentId);
		this.dispatcher.dispatchDue();
		Map<String, Object> afterScheduledRun = NotificationRows.notification(this.jdbc, spentId);

		assertThat(fresh).hasSize(1);
		assertThat(this.receiver.calls(spentToken)).isEmpty();
		assertThat(afterFastRun).containsEntry("status", "DUE");
		assertThat(afterScheduledRun).containsEntry("status", "FAILED")
			.containsEntry("last_error", "attempts_exhausted");
	}

	private static String start(CibaTestClient client, Phone phone, String token) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("scope", "openid");
		parameters.put("login_hint", phone.username());
		parameters.put("client_notification_token", token);
		Answer answer = client.backchannel(PING_CLIENT, PING_SECRET, CibaTestClient.form(parameters));
		assertThat(answer.status()).isEqualTo(200);
		return answer.json().path("auth_req_id").asString();
	}

}
