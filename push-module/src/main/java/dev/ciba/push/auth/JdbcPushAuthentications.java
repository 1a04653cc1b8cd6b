package dev.ciba.push.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.ciba.push.RandomTokens;
import dev.ciba.push.api.NoActiveDeviceException;
import dev.ciba.push.api.PushAuthStart;
import dev.ciba.push.api.PushAuthStarted;
import dev.ciba.push.api.PushAuthentications;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.outbox.PushDispatcher;
import dev.ciba.push.outbox.PushOutbox;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records push authentications and queues their pushes, in the caller's transaction; the
 * pushes go out once it commits.
 */
@Service
public class JdbcPushAuthentications implements PushAuthentications {

	private static final int MAX_CLIENT_NAME_LENGTH = 200;

	private static final int MAX_BINDING_MESSAGE_LENGTH = 256;

	private static final int MAX_SCOPE_LENGTH = 1000;

	private static final int MAX_IP_ADDRESS_LENGTH = 64;

	private static final int MAX_SCOPE_DESCRIPTIONS_LENGTH = 4000;

	private static final int MAX_AUTHORIZATION_DETAILS_LENGTH = 4000;

	private static final int MAX_SUMMARY_LENGTH = 200;

	private static final Logger logger = LoggerFactory.getLogger(JdbcPushAuthentications.class);

	private final PushAuthRepository pushAuths;

	private final DeviceRepository devices;

	private final PushOutbox outbox;

	private final PushDispatcher dispatcher;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public JdbcPushAuthentications(PushAuthRepository pushAuths, DeviceRepository devices, PushOutbox outbox,
			PushDispatcher dispatcher, PlatformTransactionManager transactionManager, Clock clock) {
		this.pushAuths = pushAuths;
		this.devices = devices;
		this.outbox = outbox;
		this.dispatcher = dispatcher;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Override
	public PushAuthStarted start(PushAuthStart start) {
		NumberChallenge number = (start.numberMatching() != null) ? NumberChallenge.draw() : null;
		PushAuthRecord record = record(start, number);
		// Read before joining the caller's transaction: a refusal must not spoil it.
		List<Device> notified = this.devices.findActive(start.customerId());
		if (notified.isEmpty()) {
			throw new NoActiveDeviceException();
		}
		Integer maxFailures = (number != null) ? start.numberMatching().maxWrongAnswers() : null;
		this.transactions.executeWithoutResult((status) -> store(record, number, maxFailures, notified));
		logger.debug("Started a push authentication for {} device(s)", notified.size());
		return new PushAuthStarted(record.id(), notified.stream().map(Device::id).toList(),
				(number != null) ? number.number() : null);
	}

	@Override
	public void close(String pushAuthId) {
		this.transactions.executeWithoutResult((status) -> {
			if (this.pushAuths.close(pushAuthId)) {
				this.outbox.cancelAll(pushAuthId);
			}
		});
	}

	private void store(PushAuthRecord record, @Nullable NumberChallenge number, @Nullable Integer maxFailures,
			List<Device> notified) {
		Instant now = this.clock.instant();
		this.pushAuths.insert(record, number, maxFailures);
		boolean queued = false;
		for (Device device : notified) {
			this.pushAuths.addNotifiedDevice(record.id(), device.id());
			// Pull-only devices are notified (they pull) but get no push.
			if (!device.pullOnly()) {
				this.outbox.insert(record.id(), device.id(), now);
				queued = true;
			}
		}
		if (queued) {
			dispatchAfterCommit();
		}
	}

	private void dispatchAfterCommit() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				JdbcPushAuthentications.this.dispatcher.dispatchSoon();
			}

		});
	}

	private static PushAuthRecord record(PushAuthStart start, @Nullable NumberChallenge number) {
		checkLength(start.bindingMessage(), MAX_BINDING_MESSAGE_LENGTH, "bindingMessage");
		checkLength(start.scope(), MAX_SCOPE_LENGTH, "scope");
		checkLength(start.ipAddress(), MAX_IP_ADDRESS_LENGTH, "ipAddress");
		checkLength(ScopeDescriptionsJson.write(start.display().scopeDescriptions()), MAX_SCOPE_DESCRIPTIONS_LENGTH,
				"scopeDescriptions");
		checkLength(start.display().authorizationDetails(), MAX_AUTHORIZATION_DETAILS_LENGTH, "authorizationDetails");
		checkLength(start.display().summary(), MAX_SUMMARY_LENGTH, "summary");
		return new PushAuthRecord(RandomTokens.next(), start.customerId(), RandomTokens.next(),
				truncate(start.clientName(), MAX_CLIENT_NAME_LENGTH), start.bindingMessage(), start.scope(),
				start.ipAddress(), start.requestedAt(), start.expiresAt(), PushAuthStatus.PENDING, start.display(),
				(number != null) ? number.choicesText() : null);
	}

	/**
	 * The client's name is only shown; a very long one is cut rather than refused.
	 */
	private static String truncate(String clientName, int max) {
		return (clientName.length() <= max) ? clientName : clientName.substring(0, max);
	}

	private static void checkLength(@Nullable String value, int max, String name) {
		if (value != null && value.length() > max) {
			throw new IllegalArgumentException(name + " is longer than " + max + " characters");
		}
	}

}
