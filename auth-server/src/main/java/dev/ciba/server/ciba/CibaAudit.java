package dev.ciba.server.ciba;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Structured audit events of the CIBA lifecycle, on the logger {@code ciba.audit}.
 * Requests are named by their internal id, never by the {@code auth_req_id}; customers by
 * their opaque id, never by a hint.
 */
@Component
public class CibaAudit {

	private static final Logger audit = LoggerFactory.getLogger("ciba.audit");

	/**
	 * The lifecycle events.
	 */
	public enum Event {

		REQUESTED, REFUSED, APPROVED, DENIED, REDEEMED,

		/** A ping or push reached the client's notification endpoint. */
		NOTIFIED,

		/** A ping or push could not be delivered, for good. */
		NOTIFICATION_FAILED

	}

	/**
	 * Records one event.
	 * @param event what happened
	 * @param requestId the internal request id, or {@code -} when no request was stored
	 * @param clientId the client's {@code client_id}
	 * @param reason a reason code (an OAuth error code for refusals), or {@code -}
	 */
	public void record(Event event, String requestId, String clientId, String reason) {
		audit.info("event={} request={} client={} reason={}", event, requestId, clientId, reason);
	}

}
