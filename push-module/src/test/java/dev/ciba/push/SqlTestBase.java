package dev.ciba.push;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.ciba.push.limits.DeviceLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs a test class against one throwaway database (made by the subclass) with the whole
 * module wired over it; every test starts with empty tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SqlTestBase {

	protected PushModuleFixture fixture;

	protected abstract TestDatabase createDatabase();

	protected PushChannelSettings settings() {
		return PushChannelSettings.defaults(PushModuleFixture.TENANT, PushModuleFixture.BASE_URL);
	}

	protected DeviceLimits limits() {
		return DeviceLimits.defaults();
	}

	@BeforeAll
	void createFixture() {
		this.fixture = new PushModuleFixture(createDatabase(), settings(), limits());
	}

	@AfterAll
	void closeFixture() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	@BeforeEach
	void resetFixture() {
		this.fixture.reset();
	}

	/**
	 * Runs the tasks on as many threads, released at the same moment, and returns what
	 * each returned or threw.
	 */
	protected static <T> List<Object> race(List<Callable<T>> tasks) throws Exception {
		CyclicBarrier start = new CyclicBarrier(tasks.size());
		ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> task : tasks) {
				futures.add(threads.submit(() -> {
					start.await(10, TimeUnit.SECONDS);
					return task.call();
				}));
			}
			List<Object> outcomes = new ArrayList<>();
			for (Future<T> future : futures) {
				try {
					outcomes.add(future.get(30, TimeUnit.SECONDS));
				}
				catch (java.util.concurrent.ExecutionException ex) {
					outcomes.add(ex.getCause());
				}
			}
			return outcomes;
		}
		finally {
			threads.shutdownNow();
		}
	}

}
