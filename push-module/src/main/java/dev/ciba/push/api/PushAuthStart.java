package dev.ciba.push.api;

import java.time.Instant;

/**
 * What to ask a customer's phones.
 *
 * @param customerId the customer named by the request
 * @param clientName the display name of the client that asks
 * @param bindingMessage the binding message shown on the client's and the phone's screen,
 * or {@code null}
 * @param scope the requested scopes, space separated
 * @param ipAddress the address the request came from, or {@code null}
 * @param requestedAt when the request was made
 * @param expiresAt when the request expires; answers after it are refused
 */
public record PushAuthStart(String customerId, String clientName, String bindingMessage, String scope, String ipAddress,
		Instant requestedAt, Instant expiresAt) {
}
