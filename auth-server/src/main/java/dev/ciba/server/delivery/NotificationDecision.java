package dev.ciba.server.delivery;

/**
 * What a client is told about its request: the customer approved or denied it, or it
 * expired unanswered.
 */
public enum NotificationDecision {

	APPROVED, DENIED, EXPIRED

}
