package dev.ciba.push.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.outbox.PushSendResult.PermanentFailure;
import dev.ciba.push.outbox.PushSendResult.RetryableFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the due pushes of the outbox. Any node may run it at any time: a row is claimed
 * under a row lock that other nodes skip, then reserved for a lease, so each push goes
 * out once per attempt. After a crash a reserved row becomes due again when its lease
 * ends.
 * <p>
 * Runs after every commit that queued pushes ({@link #dispatchSoon()}) and on a fixed
 * delay, which picks up retries and whatever a node left behind.
 * <p>
 * A sent push and a push that failed for good are device events ({@code NOTIFIED},
 * {@code PUSH_FAILED}), recorded with the attempt; a failure that will be retried is only
 * an attempt row.
 */
@Component
public class PushDispatcher implements DisposableBean {

	/**
	 * The most batches one run sends, so that a run ends even if rows keep coming.
	 */
	static final int MAX_BATCHES_PER_RUN = 20;

	private static final Logger logger = LoggerFactory.getLogger(PushDispatcher.class);

	private final PushOutbox outbox;

	private final PushMessageSource messages;

	private final PushSender sender;

	private final DeviceRepository devices;

	private final PushChannelSettings.Outbox settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final Executor trigger;

	private final DeviceEvents events;

	@Autowired
	public PushDispatcher(PushOutbox outbox, PushMessageSource messages, PushSender sender, DeviceRepository devices,
			PushChannelSettings settings, PlatformTransactionManager transactionManager, Clock clock,
			DeviceEvents events) {
		this(outbox, messages, sender, devices, settings, transactionManager, clock, events, singleRunExecutor());
	}

	/**
	 * @param trigger runs {@link #dispatchDue()} for {@link #dispatchSoon()}
	 */
	public PushDispatcher(PushOutbox outbox, PushMessageSource messages, PushSender sender, DeviceRepository devices,
			PushChannelSettings settings, PlatformTransactionManager transactionManager, Clock clock,
			DeviceEvents events, Executor trigger) {
		this.outbox = outbox;
		this.messages = messages;
		this.sender = sender;
		this.devices = devices;
		this.settings = settings.outbox();
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.trigger = trigger;
		this.events = events;
	}

	/**
	 * Sends the due pushes soon, off the caller's thread. Safe to call often: runs
	 * requested while one is running collapse into one.
	 */
	public void dispatchSoon() {
		this.trigger.execute(this::dispatchDueLogged);
	}

	/**
	 * Sends the pushes due now, batch by batch.
	 * @return the number of rows handled
	 */
	public int dispatchDue() {
		int handled = 0;
		for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
			List<OutboxEntry> claimed = claim();
			claimed.forEach(this::deliver);
			handled += claimed.size();
			if (claimed.size() < this.settings.batchSize()) {
				break;
			}
		}
		return handled;
	}

	/**
	 * {@link #dispatchDue()} for schedulers and background threads: a failure is logged,
	 * the next run tries again.
	 */
	public void dispatchDueLogged() {
		try {
			dispatchDue();
		}
		catch (RuntimeException ex) {
			logger.error("Sending due pushes failed; the next run retries", ex);
		}
	}

	private List<OutboxEntry> claim() {
		Instant now = this.clock.instant();
		List<OutboxEntry> claimed = this.transactions.execute(
				(status) -> this.outbox.claimDue(now, this.settings.batchSize(), now.plus(this.settings.claimLease())));
		return (claimed != null) ? claimed : List.of();
	}

	private void deliver(OutboxEntry entry) {
		Optional<PushMessage> message = this.messages.messageFor(entry.pushAuthId(), entry.deviceId(),
				this.clock.instant());
		if (message.isEmpty()) {
			this.outbox.markCancelled(entry);
			logger.trace("Cancelled a push to device {}: nothing to send any more", entry.deviceId());
			return;
		}
		PushSendResult result = send(message.get());
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			record(entry, result, now);
			if (result instanceof PermanentFailure failure && PushSendResult.UNREGISTERED.equals(failure.errorCode())
					&& this.devices.markPushTokenStale(entry.deviceId(), message.get().pushToken(), now)) {
				logger.info("Device {} has a push token the provider no longer knows; it can only pull now",
						entry.deviceId());
			}
		});
	}

	private PushSendResult send(PushMessage message) {
		try {
			PushSendResult result = this.sender.send(message);
			return (result != null) ? result : PushSendResult.retryable("no_result");
		}
		catch (RuntimeException ex) {
			// Only the type: a provider's message might quote the token.
			logger.warn("The push sender failed for device {}: {}", message.deviceId(), ex.getClass().getName());
			return PushSendResult.retryable("sender_exception");
		}
	}

	private void record(OutboxEntry entry, PushSendResult result, Instant now) {
		if (result instanceof RetryableFailure failure && entry.attempt() < this.settings.maxAttempts()) {
			this.outbox.recordAttempt(entry, "RETRY", failure.errorCode(), now);
			this.outbox.reschedule(entry, now.plus(backoff(entry.attempt())), failure.errorCode());
			logger.debug("Push to device {} failed ({}); attempt {} will be retried", entry.deviceId(),
					failure.errorCode(), entry.attempt());
		}
		else if (result instanceof RetryableFailure failure) {
			fail(entry, failure.errorCode(), now);
		}
		else if (result instanceof PermanentFailure failure) {
			fail(entry, failure.errorCode(), now);
		}
		else {
			this.outbox.recordAttempt(entry, "SENT", null, now);
			this.outbox.markSent(entry);
			this.events.record(DeviceEvent.notified(customerOf(entry), entry.deviceId(), entry.pushAuthId()));
			logger.debug("Push to device {} sent", entry.deviceId());
		}
	}

	private void fail(OutboxEntry entry, String errorCode, Instant now) {
		this.outbox.recordAttempt(entry, "FAILED", errorCode, now);
		this.outbox.markFailed(entry, errorCode);
		this.events.record(DeviceEvent.pushFailed(customerOf(entry), entry.deviceId(), entry.pushAuthId(), errorCode));
		logger.info("Push to device {} failed for good after {} attempt(s): {}", entry.deviceId(), entry.attempt(),
				errorCode);
	}

	/**
	 * The customer of the pushed device, for the audit trail (devices are never deleted,
	 * only marked removed).
	 */
	private String customerOf(OutboxEntry entry) {
		return this.devices.findById(entry.deviceId())
			.map(Device::customerId)
			.orElseThrow(() -> new IllegalStateException("A pushed device is missing: " + entry.deviceId()));
	}

	/**
	 * The pause after a failed attempt: the retry delay, doubled per attempt, at most the
	 * longest retry delay.
	 */
	Duration backoff(int attempt) {
		Duration delay = this.settings.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 20));
		return (delay.compareTo(this.settings.maxRetryDelay()) > 0) ? this.settings.maxRetryDelay() : delay;
	}

	@Override
	public void destroy() {
		if (this.trigger instanceof ExecutorService executor) {
			executor.shutdownNow();
		}
	}

	/**
	 * One thread, one waiting run: a run drains everything due, so further requests while
	 * one waits add nothing and are dropped.
	 */
	private static ExecutorService singleRunExecutor() {
		return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1), (runnable) -> {
			Thread thread = new Thread(runnable, "push-dispatch");
			thread.setDaemon(true);
			return thread;
		}, new ThreadPoolExecutor.DiscardPolicy());
	}

}
