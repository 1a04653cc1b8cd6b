package dev.ciba.server.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.ciba.server.ciba.AuthReqId;
import dev.ciba.server.ciba.CibaAudit;
import dev.ciba.server.ciba.CibaErrors;
import dev.ciba.server.ciba.CibaGrantAuthenticationToken;
import dev.ciba.server.ciba.CibaRequest;
import dev.ciba.server.ciba.CibaRequestRepository;
import dev.ciba.server.ciba.CibaTokenIssuer;
import dev.ciba.server.ciba.CibaTokenIssuer.IssuedTokens;
import dev.ciba.server.client.CibaClientSettings;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides what a claimed notification sends: a ping, a pushed error, or the pushed token
 * response, whose tokens are issued here once and stored with the row.
 */
@Component
class NotificationBodies {

	private final CibaRequestRepository requests;

	private final CibaTokenIssuer tokens;

	private final ClientNotificationOutbox outbox;

	private final CibaAudit audit;

	private final TransactionTemplate transaction;

	NotificationBodies(CibaRequestRepository requests, CibaTokenIssuer tokens, ClientNotificationOutbox outbox,
			CibaAudit audit, PlatformTransactionManager transactionManager) {
		this.requests = requests;
		this.tokens = tokens;
		this.outbox = outbox;
		this.audit = audit;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * The body of this attempt.
	 * @param now the time of the attempt
	 */
	Body bodyFor(ClaimedNotification notification, RegisteredClient client, Instant now) {
		boolean expired = !now.isBefore(notification.expiresAt());
		if (CibaClientSettings.PING.equals(notification.mode())) {
			if (notification.decision() == NotificationDecision.EXPIRED) {
				return new End("CANCELLED", "request_expired");
			}
			return expired ? new End("FAILED", "request_expired")
					: new Send(notification, NotificationPayloads.ping(notification.authReqId()));
		}
		return switch (notification.decision()) {
			case EXPIRED -> new Send(notification, expiredError(notification));
			case DENIED -> expired ? new End("FAILED", "request_expired")
					: new Send(notification, NotificationPayloads.error(notification.authReqId(),
							CibaErrors.ACCESS_DENIED, "The end-user denied the authorization request"));
			case APPROVED -> approved(notification, client, now, expired);
		};
	}

	private Body approved(ClaimedNotification notification, RegisteredClient client, Instant now, boolean expired) {
		if (notification.payload() != null) {
			return expired ? new End("FAILED", "request_expired") : new Send(notification, notification.payload());
		}
		Body body = this.transaction.execute((status) -> {
			Body issued = issue(notification, client, now);
			if (issued instanceof Send send && !this.outbox.storePayload(send.notification())) {
				// Another node claimed the row after this node's lease ended: no tokens.
				status.setRollbackOnly();
				return new Lost();
			}
			return issued;
		});
		if (body instanceof Send send && send.notification().decision() == NotificationDecision.APPROVED) {
			this.audit.record(CibaAudit.Event.REDEEMED, notification.requestId(), client.getClientId(), "push");
		}
		return body;
	}

	// CIBA Core §10.3: the server issues the tokens itself. The request is marked
	// redeemed in this transaction, which also stores the token response with the row.
	private Body issue(ClaimedNotification notification, RegisteredClient client, Instant now) {
		Optional<CibaRequest> request = this.requests.findByAuthReqId(new AuthReqId(notification.authReqId()));
		if (request.isEmpty()) {
			return new End("CANCELLED", "request_gone");
		}
		if (!now.isBefore(request.get().expiresAt())) {
			// Approved too late to be redeemed: CIBA Core §12's expired_token instead.
			String error = expiredError(notification);
			return new Send(notification.withPayload(NotificationDecision.EXPIRED, error), error);
		}
		CibaGrantAuthenticationToken grant = new CibaGrantAuthenticationToken(notification.authReqId(),
				clientPrincipal(client), Map.of());
		Optional<IssuedTokens> issued = this.tokens.redeem(client, request.get(), grant, now);
		if (issued.isEmpty()) {
			return new End("FAILED", "not_redeemable");
		}
		String payload = NotificationPayloads.tokens(notification.authReqId(), issued.get());
		return new Send(notification.withPayload(NotificationDecision.APPROVED, payload), payload);
	}

	private static String expiredError(ClaimedNotification notification) {
		return NotificationPayloads.error(notification.authReqId(), CibaErrors.EXPIRED_TOKEN,
				"The auth_req_id expired before the end-user approved it");
	}

	// The server acts for the client here; no client credentials were presented.
	private static OAuth2ClientAuthenticationToken clientPrincipal(RegisteredClient client) {
		ClientAuthenticationMethod method = client.getClientAuthenticationMethods().iterator().next();
		return new OAuth2ClientAuthenticationToken(client, method, null);
	}

	/**
	 * What an attempt does.
	 */
	sealed interface Body permits Send, End, Lost {

	}

	/**
	 * Send {@code json}.
	 */
	record Send(ClaimedNotification notification, String json) implements Body {

		@Override
		public String toString() {
			return "Send[" + this.notification + "]";
		}

	}

	/**
	 * End the row without sending.
	 *
	 * @param status {@code FAILED} or {@code CANCELLED}
	 * @param reason the error code recorded
	 */
	record End(String status, String reason) implements Body {

	}

	/**
	 * The row is no longer this attempt's: leave it alone.
	 */
	record Lost() implements Body {

	}

}
