package dev.ciba.server.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.ciba.server.ciba.AuthReqId;
import dev.ciba.server.ciba.CibaAudit;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.config.CibaProperties;
import dev.ciba.server.delivery.ClientNotificationOutbox.Waiting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the CIBA lifecycle tells the delivery of pings and pushes: a request of a ping or
 * push client was accepted, and its customer answered. Both calls belong in the
 * transaction that stores the request or the answer, so that a delivery is queued exactly
 * when the change commits.
 * <p>
 * It also keeps each client's backlog of undelivered notifications bounded
 * ({@code ciba.delivery.max-undelivered-per-client}), so that the outbox cannot grow
 * without bound while a client's notification endpoint is down: a push client at the
 * limit gets no new requests (its tokens could reach it only through that endpoint, so
 * asking the customer would be in vain), and a ping client's further answers are not
 * pinged (it can still poll the token endpoint, CIBA Core §10.2 and §11).
 */
@Component
public class ClientNotifications {

	/** Why a ping was not queued, as recorded with its row and audited. */
	static final String UNDELIVERED_LIMIT = "undelivered_limit";

	private static final Logger logger = LoggerFactory.getLogger(ClientNotifications.class);

	private final ClientNotificationOutbox outbox;

	private final ClientNotificationDispatcher dispatcher;

	private final RegisteredClientRepository clients;

	private final CibaAudit audit;

	private final int maxUndelivered;

	ClientNotifications(ClientNotificationOutbox outbox, ClientNotificationDispatcher dispatcher,
			RegisteredClientRepository clients, CibaAudit audit, CibaProperties properties) {
		this.outbox = outbox;
		this.dispatcher = dispatcher;
		this.clients = clients;
		this.audit = audit;
		this.maxUndelivered = properties.getDelivery().getMaxUndeliveredPerClient();
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
	 * For a push client whose undelivered notifications reached the limit: how long until
	 * the next delivery attempt of one of them, the earliest moment its backlog may
	 * shrink (at least one second).
	 * @return empty for poll and ping clients, and for push clients below the limit
	 */
	public Optional<Duration> undeliveredLimitReached(RegisteredClient client, Instant now) {
		if (!CibaClientSettings.PUSH.equals(CibaClientSettings.deliveryMode(client))
				|| this.outbox.countUndelivered(client.getId(), this.maxUndelivered) < this.maxUndelivered) {
			return Optional.empty();
		}
		Instant next = this.outbox.nextUndeliveredAttempt(client.getId()).orElse(now);
		long seconds = (Duration.between(now, next).toMillis() + 999) / 1000;
		return Optional.of(Duration.ofSeconds(Math.max(1, seconds)));
	}

	/**
	 * Queues the delivery of the customer's answer, if the request's client is pinged or
	 * pushed, and starts it once the surrounding transaction commits.
	 */
	public void decided(String requestId, boolean approved, Instant now) {
		NotificationDecision decision = approved ? NotificationDecision.APPROVED : NotificationDecision.DENIED;
		Optional<Waiting> waiting = this.outbox.findWaiting(requestId);
		if (waiting.isEmpty()) {
			return;
		}
		if (pingOverLimit(waiting.get())) {
			dropPing(requestId, waiting.get(), decision, now);
			return;
		}
		// A push is queued even over the limit: the customer has answered, and only the
		// push can carry the answer. The limit is held at the backchannel endpoint, so
		// it is passed by at most the client's requests that were waiting for an answer.
		if (this.outbox.makeDue(requestId, decision, now)) {
			afterCommit(this.dispatcher::dispatchSoon);
		}
	}

	// Counted, then changed: answers recorded at the same moment on several nodes may
	// each see the backlog just below the limit, so it may be passed by that many.
	private boolean pingOverLimit(Waiting waiting) {
		return CibaClientSettings.PING.equals(waiting.mode()) && this.outbox
			.countUndelivered(waiting.registeredClientId(), this.maxUndelivered) >= this.maxUndelivered;
	}

	private void dropPing(String requestId, Waiting waiting, NotificationDecision decision, Instant now) {
		if (!this.outbox.cancelWaiting(requestId, decision, UNDELIVERED_LIMIT, now)) {
			return;
		}
		RegisteredClient client = this.clients.findById(waiting.registeredClientId());
		String clientId = (client != null) ? client.getClientId() : "-";
		this.audit.record(CibaAudit.Event.NOTIFICATION_FAILED, requestId, clientId, UNDELIVERED_LIMIT);
		logger.debug("Client {} has {} undelivered notifications; an answer was not pinged, the client can poll",
				clientId, this.maxUndelivered);
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
