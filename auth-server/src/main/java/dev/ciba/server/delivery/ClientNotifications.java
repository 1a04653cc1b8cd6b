package dev.ciba.server.delivery;

import java.time.Instant;

import dev.ciba.server.ciba.AuthReqId;
import dev.ciba.server.client.CibaClientSettings;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the CIBA lifecycle tells the delivery of pings and pushes: a request of a ping or
 * push client was accepted, and its customer answered. Both calls belong in the
 * transaction that stores the request or the answer, so that a delivery is queued exactly
 * when the change commits.
 */
@Component
public class ClientNotifications {

	private final ClientNotificationOutbox outbox;

	private final ClientNotificationDispatcher dispatcher;

	ClientNotifications(ClientNotificationOutbox outbox, ClientNotificationDispatcher dispatcher) {
		this.outbox = outbox;
		this.dispatcher = dispatcher;
	}

	/**
	 * Keeps what a ping or push delivery will need, until the customer answers; nothing
	 * for poll clients.
	 * @param requestId the internal id of the request just stored
	 * @param client the client that made it
	 * @param authReqId its {@code auth_req_id}
	 * @param notificationToken the client's {@code client_notification_token}
	 * @param expiresAt when the request expires
	 * @param now the time of the request
	 */
	public void awaitDecision(String requestId, RegisteredClient client, AuthReqId authReqId, String notificationToken,
			Instant expiresAt, Instant now) {
		String mode = CibaClientSettings.deliveryMode(client);
		if (CibaClientSettings.POLL.equals(mode)) {
			return;
		}
		this.outbox.insertWaiting(requestId, client.getId(), mode, authReqId.value(), notificationToken, expiresAt,
				now);
	}

	/**
	 * Queues the delivery of the customer's answer, if the request's client is pinged or
	 * pushed, and starts it once the surrounding transaction commits.
	 */
	public void decided(String requestId, boolean approved, Instant now) {
		NotificationDecision decision = approved ? NotificationDecision.APPROVED : NotificationDecision.DENIED;
		if (this.outbox.makeDue(requestId, decision, now)) {
			afterCommit(this.dispatcher::dispatchSoon);
		}
	}

	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

}
