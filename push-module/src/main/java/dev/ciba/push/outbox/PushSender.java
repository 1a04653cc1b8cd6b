package dev.ciba.push.outbox;

/**
 * Sends pushes through one provider. The server provides exactly one bean of this type
 * (for example {@link LogPushSender}).
 * <p>
 * A sender reports failures as results; an exception it throws counts as a retryable
 * failure. Either way the CIBA request goes on: a device may still answer through the
 * pending-request pull.
 */
public interface PushSender {

	PushSendResult send(PushMessage message);

}
