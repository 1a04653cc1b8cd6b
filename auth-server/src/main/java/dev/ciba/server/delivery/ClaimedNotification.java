package dev.ciba.server.delivery;

import java.time.Instant;

/**
 * An outbox row claimed for one delivery attempt.
 *
 * @param id the row's id
 * @param requestId the internal id of the CIBA request
 * @param registeredClientId the registered client's internal id
 * @param mode {@code ping} or {@code push}
 * @param decision what the client is told
 * @param authReqId the {@code auth_req_id} in clear
 * @param notificationToken the client's {@code client_notification_token}
 * @param payload the stored body of a token push, or {@code null} while none was made
 * @param expiresAt when the request expires
 * @param attempt the number of this attempt, from 1
 */
public record ClaimedNotification(long id, String requestId, String registeredClientId, String mode,
		NotificationDecision decision, String authReqId, String notificationToken, String payload, Instant expiresAt,
		int attempt) {

	/**
	 * This row with another body and decision (a push whose tokens were just issued).
	 */
	ClaimedNotification withPayload(NotificationDecision newDecision, String newPayload) {
		return new ClaimedNotification(this.id, this.requestId, this.registeredClientId, this.mode, newDecision,
				this.authReqId, this.notificationToken, newPayload, this.expiresAt, this.attempt);
	}

	@Override
	public String toString() {
		return "ClaimedNotification[id=" + this.id + ", mode=" + this.mode + ", decision=" + this.decision
				+ ", attempt=" + this.attempt + "]";
	}

}
