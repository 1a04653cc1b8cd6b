package dev.ciba.push.outbox;

/**
 * A claimed outbox row.
 *
 * @param id the row's id
 * @param pushAuthId the push authentication
 * @param deviceId the device to notify
 * @param attempt the number of this attempt, from 1
 */
public record OutboxEntry(long id, String pushAuthId, String deviceId, int attempt) {
}
