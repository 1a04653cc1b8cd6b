package dev.ciba.push.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.ciba.push.DeviceApiErrors;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.api.PushDecision;
import dev.ciba.push.api.PushDecisionListener;
import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.audit.RefusalReason;
import dev.ciba.push.auth.PushAuthRepository.NumberFailures;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.jwt.DeviceJwtPurpose;
import dev.ciba.push.jwt.DeviceJwtVerification.Verified;
import dev.ciba.push.jwt.DeviceJwtVerifier;
import dev.ciba.push.outbox.PushOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a device's answer to a push authentication
 * ({@code POST .../push-auth/authenticate}).
 * <p>
 * Order of checks: the token (device, algorithm, signature, times, single use); the
 * answer claims; the push authentication (unknown: 400); the device must have been
 * notified for it and belong to its customer (403); the challenge, compared in constant
 * time (400); the state (410); for an approval of a request with number matching, the
 * number (400, counted). The decision is then one conditional update, in the transaction
 * in which the server takes it; an answer without {@code jti} is single use through that
 * state change.
 * <p>
 * Answers come in the form of the device's protocol generation: generation 2 (header
 * {@code deviceId}; {@code pushAuthId}, {@code challenge}, {@code response}) or, while
 * its compatibility profile is on, generation 1 (header {@code did}; {@code sid},
 * {@code chg}, {@code res}); the same checks apply to both.
 */
@Service
public class DeviceAnswerService {

	/** The answer claim that carries the number the customer picked. */
	static final String NUMBER_CLAIM = "numberChallenge";

	private static final Logger logger = LoggerFactory.getLogger(DeviceAnswerService.class);

	private final DeviceJwtVerifier verifier;

	private final PushAuthRepository pushAuths;

	private final DeviceRepository devices;

	private final PushOutbox outbox;

	private final PushDecisionListener listener;

	private final CustomerDirectory customers;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final DeviceEvents events;

	public DeviceAnswerService(DeviceJwtVerifier verifier, PushAuthRepository pushAuths, DeviceRepository devices,
			PushOutbox outbox, PushDecisionListener listener, CustomerDirectory customers,
			PlatformTransactionManager transactionManager, Clock clock, DeviceEvents events) {
		this.verifier = verifier;
		this.pushAuths = pushAuths;
		this.devices = devices;
		this.outbox = outbox;
		this.listener = listener;
		this.customers = customers;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Verifies and takes an answer in the protocol generation its header speaks.
	 * @param authResponse the device-signed JWT
	 * @return the generation the answer was taken in (it decides the success status)
	 * @throws DeviceApiException when the answer is refused
	 */
	public DeviceProtocol answer(String authResponse) {
		DeviceProtocol protocol = this.verifier.protocolOf(authResponse);
		answer(authResponse, protocol);
		return protocol;
	}

	/**
	 * Verifies and takes an answer of one protocol generation.
	 * @param authResponse the device-signed JWT
	 * @param protocol the generation the token must be in
	 * @throws DeviceApiException when the answer is refused
	 */
	public void answer(String authResponse, DeviceProtocol protocol) {
		Verified jwt = this.verifier.verify(authResponse, DeviceJwtPurpose.AUTHENTICATE, null, protocol).orElseThrow();
		Device device = jwt.device();
		DeviceAnswer answer = DeviceAnswer.from(jwt, protocol);
		PushAuthRecord pushAuth = this.pushAuths.findById(answer.pushAuthId())
			.orElseThrow(() -> refuse(device, answer.pushAuthId(), RefusalReason.UNKNOWN_REQUEST,
					DeviceApiException.invalidRequest("The push authentication is unknown")));
		checkDevice(pushAuth, device);
		checkChallenge(pushAuth, answer, device);
		Instant now = this.clock.instant();
		checkOpen(pushAuth, now, device);
		if (answer.approved()) {
			checkNumber(pushAuth, jwt, device, now);
		}
		decide(pushAuth, device, answer, now);
		logger.debug("Device {} answered a push authentication: {}", device.id(), answer.decision());
	}

	private void checkDevice(PushAuthRecord pushAuth, Device device) {
		boolean allowed = device.customerId().equals(pushAuth.customerId())
				&& this.pushAuths.wasNotified(pushAuth.id(), device.id());
		if (!allowed) {
			logger.warn("Refused an answer of device {}: it was not notified for this request", device.id());
			audit(device, pushAuth.id(), RefusalReason.NOT_NOTIFIED);
			throw DeviceApiException.accessDenied("The device was not asked for this request");
		}
		// A disabled customer decides nothing, even with a phone registered before the
		// account was disabled.
		if (!this.customers.findById(device.customerId()).map(CustomerRef::enabled).orElse(false)) {
			logger.warn("Refused an answer of device {}: its customer is disabled", device.id());
			audit(device, pushAuth.id(), RefusalReason.DISABLED_CUSTOMER);
			throw DeviceApiException.accessDenied("The end-user's account is disabled");
		}
	}

	private void checkChallenge(PushAuthRecord pushAuth, DeviceAnswer answer, Device device) {
		boolean equal = MessageDigest.isEqual(pushAuth.challenge().getBytes(StandardCharsets.UTF_8),
				answer.challenge().getBytes(StandardCharsets.UTF_8));
		if (!equal) {
			logger.warn("Refused an answer of device {}: wrong challenge", device.id());
			audit(device, pushAuth.id(), RefusalReason.WRONG_CHALLENGE);
			throw DeviceApiException
				.invalidRequest("The token claim " + answer.claims().challenge() + " does not match");
		}
	}

	private void checkOpen(PushAuthRecord pushAuth, Instant now, Device device) {
		if (pushAuth.status() == PushAuthStatus.APPROVED || pushAuth.status() == PushAuthStatus.DENIED) {
			throw refuse(device, pushAuth.id(), RefusalReason.ALREADY_ANSWERED,
					gone(DeviceApiErrors.INVALID_REQUEST, "The request was already answered"));
		}
		if (!pushAuth.openAt(now)) {
			throw refuse(device, pushAuth.id(), RefusalReason.EXPIRED_REQUEST,
					gone(DeviceApiErrors.EXPIRED_TOKEN, "The request has expired or ended"));
		}
	}

	// Number matching: an approval must name the number the client shows; a denial needs
	// none. Without number matching the claim is ignored, whatever it holds. Anything
	// but the number as a string counts as a wrong answer, and the last allowed wrong
	// answer ends the request as denied.
	private void checkNumber(PushAuthRecord pushAuth, Verified jwt, Device device, Instant now) {
		if (pushAuth.numberChoices() == null) {
			return;
		}
		Optional<String> number = this.pushAuths.findNumber(pushAuth.id());
		if (number.isEmpty()) {
			return;
		}
		Object claim = jwt.claims().getClaim(NUMBER_CLAIM);
		if (NumberChallenge.matches(number.get(), (claim instanceof String text) ? text : null)) {
			return;
		}
		throw countWrongNumber(pushAuth, device, now);
	}

	private DeviceApiException countWrongNumber(PushAuthRecord pushAuth, Device device, Instant now) {
		PushDecision denial = new PushDecision(pushAuth.id(), pushAuth.customerId(), device.id(), false, now);
		Optional<NumberFailures> counted = this.transactions.execute((status) -> {
			Optional<NumberFailures> failures = this.pushAuths.countNumberFailure(pushAuth.id(), now);
			if (failures.isPresent() && failures.get().exhausted()
					&& !take(pushAuth, device, PushAuthStatus.DENIED, denial, status)) {
				return Optional.<NumberFailures>empty();
			}
			return failures;
		});
		if (counted == null || counted.isEmpty()) {
			return ended(pushAuth, device);
		}
		NumberFailures failures = counted.get();
		audit(device, pushAuth.id(), RefusalReason.WRONG_NUMBER);
		logger.warn("Refused an approval of device {}: the number is missing or wrong ({} of {} allowed)", device.id(),
				failures.failures(), failures.maxFailures());
		if (failures.exhausted()) {
			logger.warn("Denied a push authentication after {} wrong numbers", failures.failures());
			return wrongNumber("the request is now denied");
		}
		int left = failures.maxFailures() - failures.failures();
		return wrongNumber(left + ((left == 1) ? " try" : " tries") + " left");
	}

	private static DeviceApiException wrongNumber(String consequence) {
		return new DeviceApiException(HttpStatus.BAD_REQUEST, DeviceApiErrors.INVALID_NUMBER_CHALLENGE,
				"The token claim numberChallenge is missing or is not the number the client shows; " + consequence);
	}

	private void decide(PushAuthRecord pushAuth, Device device, DeviceAnswer answer, Instant now) {
		PushDecision decision = new PushDecision(pushAuth.id(), pushAuth.customerId(), device.id(), answer.approved(),
				now);
		Boolean taken = this.transactions
			.execute((status) -> take(pushAuth, device, answer.decision(), decision, status));
		if (!Boolean.TRUE.equals(taken)) {
			throw ended(pushAuth, device);
		}
	}

	/**
	 * Records a decision and hands it to the server, in the caller's transaction, which
	 * is marked for roll-back if the server did not take it.
	 */
	private boolean take(PushAuthRecord pushAuth, Device device, PushAuthStatus outcome, PushDecision decision,
			TransactionStatus status) {
		Instant now = decision.decidedAt();
		if (!this.pushAuths.decide(pushAuth.id(), outcome, device.id(), now)) {
			return false;
		}
		this.devices.recordUse(device, now);
		this.outbox.cancelAll(pushAuth.id());
		this.events.record(DeviceEvent.answered(device.customerId(), device.id(), pushAuth.id(),
				outcome == PushAuthStatus.APPROVED));
		if (!this.listener.onDecision(decision)) {
			status.setRollbackOnly();
			return false;
		}
		return true;
	}

	/**
	 * The refusal of an answer that came after the request was answered or had ended.
	 */
	private DeviceApiException ended(PushAuthRecord pushAuth, Device device) {
		boolean answered = this.pushAuths.findById(pushAuth.id())
			.map((current) -> current.status() == PushAuthStatus.APPROVED || current.status() == PushAuthStatus.DENIED)
			.orElse(false);
		return answered
				? refuse(device, pushAuth.id(), RefusalReason.ALREADY_ANSWERED,
						gone(DeviceApiErrors.INVALID_REQUEST, "The request was already answered"))
				: refuse(device, pushAuth.id(), RefusalReason.EXPIRED_REQUEST,
						gone(DeviceApiErrors.EXPIRED_TOKEN, "The request has already ended"));
	}

	private static DeviceApiException gone(String error, String description) {
		return new DeviceApiException(HttpStatus.GONE, error, description);
	}

	private DeviceApiException refuse(Device device, String pushAuthId, RefusalReason reason,
			DeviceApiException refusal) {
		logger.debug("Refused an answer of device {}: {}", device.id(), refusal.error());
		audit(device, pushAuthId, reason);
		return refusal;
	}

	/**
	 * Records a refusal of the device's answer, in a transaction of its own.
	 */
	private void audit(Device device, String pushAuthId, RefusalReason reason) {
		this.events.record(DeviceEvent.refused(device.customerId(), device.id(), pushAuthId, reason));
	}

}
