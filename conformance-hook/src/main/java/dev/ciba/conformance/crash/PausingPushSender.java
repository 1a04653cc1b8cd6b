package dev.ciba.conformance.crash;

import dev.ciba.push.outbox.PushMessage;
import dev.ciba.push.outbox.PushSendResult;
import dev.ciba.push.outbox.PushSender;

/**
 * The push sender, except that each push first {@link MarkerPause waits} while the
 * {@code pause-push} marker exists. The outbox sends after it claimed the row and
 * reserved it for its lease: a server killed during the wait leaves the row claimed and
 * unsent.
 */
final class PausingPushSender implements PushSender {

	private final PushSender delegate;

	private final MarkerPause pause;

	PausingPushSender(PushSender delegate, MarkerPause pause) {
		this.delegate = delegate;
		this.pause = pause;
	}

	@Override
	public PushSendResult send(PushMessage message) {
		this.pause.awaitIfPaused();
		return this.delegate.send(message);
	}

}
