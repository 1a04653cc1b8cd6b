package dev.ciba.push;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * An executor that keeps tasks until a test runs them.
 */
public final class QueuedExecutor implements Executor {

	private final List<Runnable> tasks = new CopyOnWriteArrayList<>();

	@Override
	public void execute(Runnable task) {
		this.tasks.add(task);
	}

	public int queued() {
		return this.tasks.size();
	}

	public void runAll() {
		List<Runnable> due = List.copyOf(this.tasks);
		this.tasks.clear();
		due.forEach(Runnable::run);
	}

	public void clear() {
		this.tasks.clear();
	}

}
