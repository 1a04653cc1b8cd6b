package dev.ciba.server.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ciba.server.ciba.CibaAudit;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.config.CibaProperties;
import dev.ciba.server.delivery.NotificationBodies.Body;
import dev.ciba.server.delivery.NotificationBodies.End;
import dev.ciba.server.delivery.NotificationBodies.Send;
import dev.ciba.server.delivery.NotificationHttpSender.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the due pings and pushes of the outbox. Any node may run it at any time: a row
 * is claimed under a row lock that other nodes skip and reserved for a lease, so each
 * attempt goes out once; after a crash, a reserved row becomes due again when its lease
 * ends.
 * <p>
 * Deliveries run on a small pool of their own, and a run claims only as many rows as the
 * pool has free threads, so a client that hangs until the read timeout holds up one
 * thread, not the others. Runs start after every commit that made a row due
 * ({@link #dispatchSoon()}) and on a fixed delay, which also picks up retries, expiries
 * and rows that another node left behind.
 */
@Component
public class ClientNotificationDispatcher implements DisposableBean {

	/** The most batches one run claims, so that a run ends even if rows keep coming. */
	static final int MAX_BATCHES_PER_RUN = 20;

	private static final Logger logger = LoggerFactory.getLogger(ClientNotificationDispatcher.class);

	private final ClientNotificationOutbox outbox;

	private final NotificationBodies bodies;

	private final RegisteredClientRepository clients;

	private final NotificationEndpointGuard guard;

	private final NotificationHttpSender sender;

	private final CibaProperties.Delivery settings;

	private final CibaAudit audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ExecutorService trigger = singleRunExecutor();

	private final ExecutorService workers;

	private final Semaphore freeWorkers;

	/**
	 * Set when a run stopped claiming because every delivery worker was busy, so that
	 * more rows may be due: the next worker to finish starts a run, instead of leaving
	 * them to the scheduled run up to {@code ciba.delivery.poll-delay} later.
	 */
	private final AtomicBoolean workersWereFull = new AtomicBoolean();

	ClientNotificationDispatcher(ClientNotificationOutbox outbox, NotificationBodies bodies,
			RegisteredClientRepository clients, NotificationEndpointGuard guard, NotificationHttpSender sender,
			CibaProperties properties, CibaAudit audit, PlatformTransactionManager transactionManager, Clock clock) {
		this.outbox = outbox;
		this.bodies = bodies;
		this.clients = clients;
		this.guard = guard;
		this.sender = sender;
		this.settings = properties.getDelivery();
		this.audit = audit;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.workers = workerPool(this.settings.getThreads());
		this.freeWorkers = new Semaphore(this.settings.getThreads());
	}

	/**
	 * Starts the due deliveries soon, off the caller's thread. Safe to call often: runs
	 * requested while one waits collapse into it.
	 */
	public void dispatchSoon() {
		this.trigger.execute(this::startDueLogged);
	}

	/**
	 * {@link #dispatchDue()} for schedulers and background threads: a failure is logged,
	 * the next run tries again.
	 */
	@Scheduled(initialDelayString = "${ciba.delivery.poll-delay:1s}",
			fixedDelayString = "${ciba.delivery.poll-delay:1s}")
	public void dispatchDueLogged() {
		try {
			dispatchDue();
		}
		catch (RuntimeException ex) {
			logger.error("Starting due client notifications failed; the next run retries", ex);
		}
	}

	/**
	 * Ends the waits and the answers of expired requests and the rows that used up their
	 * attempts, then claims the rows due now and starts their deliveries on the delivery
	 * pool.
	 * @return the number of deliveries started
	 */
	public synchronized int dispatchDue() {
		Instant now = this.clock.instant();
		this.outbox.endExpiredWaits(now);
		this.outbox.endExpiredAnswers(now);
		this.outbox.failExhausted(now, this.settings.getMaxAttempts());
		return startDue();
	}

	// The fast path after a decision: claims and starts without the housekeeping above,
	// which only the scheduled runs need. Skipping it cannot send what it would have
	// ended: the claim leaves out rows without attempts left, and a worker ends an
	// answer whose request expired instead of sending it.
	private void startDueLogged() {
		try {
			synchronized (this) {
				startDue();
			}
		}
		catch (RuntimeException ex) {
			logger.error("Starting due client notifications failed; the next run retries", ex);
		}
	}

	private int startDue() {
		int started = 0;
		for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
			int wanted = this.settings.getBatchSize();
			int capacity = reserveWorkers(wanted);
			if (capacity == 0) {
				noteWorkersFull();
				break;
			}
			List<ClaimedNotification> claimed = claim(capacity);
			this.freeWorkers.release(capacity - claimed.size());
			claimed.forEach((notification) -> this.workers.execute(() -> deliverAndRelease(notification)));
			started += claimed.size();
			if (claimed.size() < capacity) {
				break;
			}
			if (capacity < wanted) {
				noteWorkersFull();
				break;
			}
		}
		return started;
	}

	// A worker that finished between the reservation and the flag saw no flag; it is
	// free now, so this run asks for the next one itself.
	private void noteWorkersFull() {
		this.workersWereFull.set(true);
		if (this.freeWorkers.availablePermits() > 0 && this.workersWereFull.compareAndSet(true, false)) {
			dispatchSoon();
		}
	}

	private int reserveWorkers(int wanted) {
		int reserved = 0;
		while (reserved < wanted && this.freeWorkers.tryAcquire()) {
			reserved++;
		}
		return reserved;
	}

	private List<ClaimedNotification> claim(int limit) {
		Instant now = this.clock.instant();
		List<ClaimedNotification> claimed = this.transactions.execute((status) -> this.outbox.claimDue(now, limit,
				now.plus(this.settings.getClaimLease()), this.settings.getMaxAttempts()));
		return (claimed != null) ? claimed : List.of();
	}

	private void deliverAndRelease(ClaimedNotification notification) {
		try {
			deliver(notification);
		}
		catch (RuntimeException ex) {
			// The row stays reserved and becomes due again when its lease ends.
			logger.error("Delivering client notification {} failed; it is retried after its lease", notification.id(),
					ex);
		}
		finally {
			this.freeWorkers.release();
			if (this.workersWereFull.compareAndSet(true, false)) {
				dispatchSoon();
			}
		}
	}

	private void deliver(ClaimedNotification notification) {
		Instant now = this.clock.instant();
		RegisteredClient client = this.clients.findById(notification.registeredClientId());
		if (client == null) {
			end(notification, new End("CANCELLED", "client_removed"), now);
			return;
		}
		Body body = this.bodies.bodyFor(notification, client, now);
		if (body instanceof End end) {
			end(notification, end, now);
		}
		else if (body instanceof Send send) {
			send(send, client);
		}
	}

	private void send(Send send, RegisteredClient client) {
		ClaimedNotification notification = send.notification();
		String endpoint = CibaClientSettings.notificationEndpoint(client);
		SendResult result;
		try {
			InetAddress address = this.guard.resolve(endpoint);
			result = this.sender.post(URI.create(endpoint), address, notification.notificationToken(), send.json());
		}
		catch (InvalidNotificationEndpointException ex) {
			logger.warn("Refused to deliver to the notification endpoint of client {}: it {}", client.getClientId(),
					ex.getMessage());
			result = SendResult.failure("endpoint_refused");
		}
		catch (UnknownHostException ex) {
			result = SendResult.failure("unknown_host");
		}
		SendResult outcome = result;
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> record(notification, client, outcome, now));
	}

	private void record(ClaimedNotification notification, RegisteredClient client, SendResult result, Instant now) {
		String errorCode = (result.errorCode() != null) ? result.errorCode() : "http_" + result.httpStatus();
		if (result.delivered()) {
			this.outbox.recordAttempt(notification, "DELIVERED", result.httpStatus(), null, now);
			this.outbox.end(notification, "DELIVERED", null, now);
			this.audit.record(CibaAudit.Event.NOTIFIED, notification.requestId(), client.getClientId(),
					notification.mode());
			logger.debug("Delivered a {} notification to client {}", notification.mode(), client.getClientId());
		}
		else if (result.retryable() && mayRetry(notification, now)) {
			this.outbox.recordAttempt(notification, "RETRY", result.httpStatus(), errorCode, now);
			this.outbox.reschedule(notification, now.plus(backoff(notification.attempt())), errorCode);
			logger.debug("A {} notification to client {} failed ({}); attempt {} will be retried", notification.mode(),
					client.getClientId(), errorCode, notification.attempt());
		}
		else {
			this.outbox.recordAttempt(notification, "FAILED", result.httpStatus(), errorCode, now);
			this.outbox.end(notification, "FAILED", errorCode, now);
			this.audit.record(CibaAudit.Event.NOTIFICATION_FAILED, notification.requestId(), client.getClientId(),
					errorCode);
			logger.info("A {} notification to client {} failed for good after {} attempt(s): {}", notification.mode(),
					client.getClientId(), notification.attempt(), errorCode);
		}
	}

	// Retries stop at the attempt limit, and for answers also when the request will have
	// expired by the next attempt: its result is of no use to the client after that.
	private boolean mayRetry(ClaimedNotification notification, Instant now) {
		if (notification.attempt() >= this.settings.getMaxAttempts()) {
			return false;
		}
		return notification.decision() == NotificationDecision.EXPIRED
				|| now.plus(backoff(notification.attempt())).isBefore(notification.expiresAt());
	}

	private void end(ClaimedNotification notification, End end, Instant now) {
		this.outbox.end(notification, end.status(), end.reason(), now);
		logger.debug("Ended a {} notification without sending: {}", notification.mode(), end.reason());
	}

	/**
	 * The pause after a failed attempt: the retry delay, doubled per attempt, at most the
	 * longest retry delay.
	 */
	Duration backoff(int attempt) {
		Duration delay = this.settings.getRetryDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
		return (delay.compareTo(this.settings.getMaxRetryDelay()) > 0) ? this.settings.getMaxRetryDelay() : delay;
	}

	@Override
	public void destroy() {
		this.trigger.shutdownNow();
		this.workers.shutdownNow();
	}

	private static ExecutorService workerPool(int threads) {
		return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				daemonThreads("client-notify-"));
	}

	/**
	 * One thread, one waiting run: a run claims everything due, so further requests while
	 * one waits add nothing and are dropped.
	 */
	private static ExecutorService singleRunExecutor() {
		return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1),
				daemonThreads("client-notify-dispatch-"), new ThreadPoolExecutor.DiscardPolicy());
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory defaults = Executors.defaultThreadFactory();
		return (runnable) -> {
			Thread thread = defaults.newThread(runnable);
			thread.setName(prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
