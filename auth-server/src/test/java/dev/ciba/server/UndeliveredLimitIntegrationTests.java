package dev.ciba.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.delivery.ClientNotificationDispatcher;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bound on each client's undelivered notifications
 * ({@code ciba.delivery.max-undelivered-per-client}, two in
 * {@link SmallLimitsIntegrationTest}) through the running server on PostgreSQL, for a
 * ping and a push client whose notification endpoint is down: a port on 127.0.0.1 that
 * refuses every connection. The test clock stands still, so a failed delivery waits for
 * its retry until a test moves the clock.
 */
class UndeliveredLimitIntegrationTests extends SmallLimitsIntegrationTest {

	private static final String PING_CLIENT = "down-ping-client";

	private static final String PING_SECRET = "down-ping-client-secret-0123456789ab";

	private static final String PUSH_CLIENT = "down-push-client";

	private static final String PUSH_SECRET = "down-push-client-secret-0123456789ab";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final Duration PAST_EXPIRY = Duration.ofSeconds(301);

	@Autowired
	private ClientNotificationDispatcher dispatcher;

	private CibaTestClient client;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
	}

	@Test
	void backchannelWhenAPushClientHasTheMostUndeliveredNotificationsThenRefusedUntilTheyEnd() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String first = authReqId(start(PUSH_CLIENT, PUSH_SECRET, customer, "Push 1"));
		String second = authReqId(start(PUSH_CLIENT, PUSH_SECRET, customer, "Push 2"));
		approve(phone, "Push 1");
		approve(phone, "Push 2");
		awaitFirstAttemptFailed(first);
		awaitFirstAttemptFailed(second);

		Answer refused = start(PUSH_CLIENT, PUSH_SECRET, customer, "Push 3");
		int stored = requestsOf(customer);
		List<String> shown = phone.pending().stream().map(PendingRequest::bindingMessage).toList();
		Customer other = newCustomer();
		registerPhone(other);
		Answer otherPushClient = start("push-client", "push-client-secret-0123456789abcdefgh", other, "Push 4");
		this.clock.advance(PAST_EXPIRY);
		this.dispatcher.dispatchDue();
		Answer afterExpiry = start(PUSH_CLIENT, PUSH_SECRET, customer, "Push 5");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.error()).isEqualTo("access_denied");
		assertThat(refused.json().path("error_description").asString())
			.isEqualTo("The client's notification endpoint has too many undelivered notifications; try again later");
		assertThat(refused.header("Retry-After")).isEqualTo("1");
		assertThat(stored).isEqualTo(2);
		assertThat(shown).isEmpty();
		assertThat(otherPushClient.status()).isEqualTo(200);
		assertThat(notification(first)).containsEntry("status", "FAILED")
			.containsEntry("last_error", "request_expired")
			.containsEntry("auth_req_id", null)
			.containsEntry("notification_token", null)
			.containsEntry("payload", null);
		assertThat(notification(second)).containsEntry("status", "FAILED");
		assertThat(attempts(first)).containsExactly("1 RETRY null connect_failed");
		assertThat(afterExpiry.status()).isEqualTo(200);
	}

	@Test
	void pingWhenAPingClientHasTheMostUndeliveredNotificationsThenFurtherAnswersAreNotQueuedAndStayRedeemable() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String first = authReqId(start(PING_CLIENT, PING_SECRET, customer, "Ping 1"));
		String second = authReqId(start(PING_CLIENT, PING_SECRET, customer, "Ping 2"));
		String third = authReqId(start(PING_CLIENT, PING_SECRET, customer, "Ping 3"));
		approve(phone, "Ping 1");
		approve(phone, "Ping 2");
		awaitFirstAttemptFailed(first);
		awaitFirstAttemptFailed(second);

		approve(phone, "Ping 3");
		Map<String, Object> dropped = notification(third);
		Answer tokens = this.client.token(PING_CLIENT, PING_SECRET, third);
		this.clock.advance(PAST_EXPIRY);
		this.dispatcher.dispatchDue();

		assertThat(dropped).containsEntry("status", "CANCELLED")
			.containsEntry("last_error", "undelivered_limit")
			.containsEntry("auth_req_id", null)
			.containsEntry("notification_token", null);
		assertThat(attempts(third)).isEmpty();
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.json().path("access_token").asString()).isNotEmpty();
		assertThat(List.of(notification(first), notification(second)))
			.allSatisfy((row) -> assertThat(row).containsEntry("status", "FAILED")
				.containsEntry("last_error", "request_expired")
				.containsEntry("auth_req_id", null));
		assertThat(attempts(second)).containsExactly("1 RETRY null connect_failed");
	}

	private Answer start(String clientId, String secret, Customer customer, String bindingMessage) {
		return this.client.backchannel(clientId, secret,
				CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username(), "binding_message",
						bindingMessage, "client_notification_token", "cnt-" + UUID.randomUUID())));
	}

	private static String authReqId(Answer started) {
		assertThat(started.status()).isEqualTo(200);
		return started.json().path("auth_req_id").asString();
	}

	private static void approve(Phone phone, String bindingMessage) {
		PendingRequest pending = phone.pending()
			.stream()
			.filter((request) -> bindingMessage.equals(request.bindingMessage()))
			.findFirst()
			.orElseThrow();
		assertThat(phone.approve(pending).status()).isEqualTo(200);
	}

	/**
	 * Waits until the delivery's first attempt failed and is due again after the retry
	 * delay (which the still test clock never reaches by itself).
	 */
	private void awaitFirstAttemptFailed(String authReqId) {
		await().atMost(WAIT).untilAsserted(() -> assertThat(attempts(authReqId)).hasSize(1));
		assertThat(notification(authReqId)).containsEntry("status", "DUE");
	}

	private int requestsOf(Customer customer) {
		return this.jdbc.sql("SELECT COUNT(*) FROM ciba_request WHERE customer_id = ?")
			.param(customer.id())
			.query(Integer.class)
			.single();
	}

	private Map<String, Object> notification(String authReqId) {
		return NotificationRows.notification(this.jdbc, authReqId);
	}

	private List<String> attempts(String authReqId) {
		return NotificationRows.attempts(this.jdbc, authReqId);
	}

}
