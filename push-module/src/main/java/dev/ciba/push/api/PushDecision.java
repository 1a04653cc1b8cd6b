package dev.ciba.push.api;

import java.time.Instant;

/**
 * A device's verified answer to a push authentication.
 *
 * @param pushAuthId the push authentication answered
 * @param customerId the customer who owns the device
 * @param deviceId the device that answered
 * @param approved {@code true} for an approval, {@code false} for a denial
 * @param decidedAt when the server accepted the answer
 */
public record PushDecision(String pushAuthId, String customerId, String deviceId, boolean approved, Instant decidedAt) {
}
