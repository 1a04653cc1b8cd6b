package dev.ciba.push.auth;

/**
 * The states of a push authentication: {@code PENDING} until the first valid answer
 * ({@code APPROVED} or {@code DENIED}) or until the server closes it ({@code CLOSED}).
 */
public enum PushAuthStatus {

	PENDING, APPROVED, DENIED, CLOSED

}
