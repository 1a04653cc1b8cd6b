package dev.ciba.push;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.ciba.push.api.PushDecision;
import dev.ciba.push.api.PushDecisionListener;

/**
 * The server's decision port, as a test fake that records what reached it.
 */
public final class RecordingDecisionListener implements PushDecisionListener {

	private final List<PushDecision> decisions = new CopyOnWriteArrayList<>();

	private volatile boolean accept = true;

	@Override
	public boolean onDecision(PushDecision decision) {
		this.decisions.add(decision);
		return this.accept;
	}

	/**
	 * Whether the server takes decisions ({@code false}: the request already ended).
	 */
	public void accept(boolean accept) {
		this.accept = accept;
	}

	public List<PushDecision> decisions() {
		return List.copyOf(this.decisions);
	}

	public void clear() {
		this.decisions.clear();
		this.accept = true;
	}

}
