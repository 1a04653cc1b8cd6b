package dev.ciba.push;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ciba.push.outbox.PushMessage;
import dev.ciba.push.outbox.PushSendResult;
import dev.ciba.push.outbox.PushSender;

/**
 * A push sender that records what it was given and answers scripted results (sent when
 * the script is empty).
 */
public final class RecordingPushSender implements PushSender {

	private final List<PushMessage> sent = new CopyOnWriteArrayList<>();

	private final Deque<Object> script = new ArrayDeque<>();

	@Override
	public PushSendResult send(PushMessage message) {
		this.sent.add(message);
		Object next;
		synchronized (this.script) {
			next = this.script.poll();
		}
		if (next instanceof RuntimeException ex) {
			throw ex;
		}
		return (next != null) ? (PushSendResult) next : PushSendResult.sent();
	}

	/**
	 * Answers the next sends with these results or exceptions, in order.
	 */
	public void thenAnswer(Object... results) {
		synchronized (this.script) {
			this.script.addAll(List.of(results));
		}
	}

	public List<PushMessage> messages() {
		return List.copyOf(this.sent);
	}

	public void clear() {
		this.sent.clear();
		synchronized (this.script) {
			this.script.clear();
		}
	}

}
