package dev.ciba.push.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;

import dev.ciba.push.DeviceApiErrors;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.api.PushDecision;
import dev.ciba.push.api.PushDecisionListener;
import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.audit.RefusalReason;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a device's answer to a push authentication
 * ({@code POST .../push-auth/authenticate}).
 * <p>
 * Order of checks: the token (device, algorithm, signature, times, single use); the
 * answer claims; the push authentication (unknown: 400); the device must have been
 * notified for it and belong to its customer (403); the challenge, compared in constant
 * time (400); the state (410). The decision is then one conditional update, in the
 * transaction in which the server takes it; an answer without {@code jti} is single use
 * through that state change.
 * <p>
 * Answers come in the form of the device's protocol generation: generation 2 (header
 * {@code deviceId}; {@code pushAuthId}, {@code challenge}, {@code response}) or, while
 * its compatibility profile is on, generation 1 (header {@code did}; {@code sid},
 * {@code chg}, {@code res}); the same checks apply to both.
 */
@Service
public class DeviceAnswerService {

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

	private void decide(PushAuthRecord pushAuth, Device device, DeviceAnswer answer, Instant now) {
		PushDecision decision = new PushDecision(pushAuth.id(), pushAuth.customerId(), device.id(), answer.approved(),
				now);
		Boolean taken = this.transactions.execute((status) -> {
			if (!this.pushAuths.decide(pushAuth.id(), answer.decision(), device.id(), now)) {
				return false;
			}
			this.devices.touchLastUsed(device.id(), now);
			this.outbox.cancelAll(pushAuth.id());
			this.events
				.record(DeviceEvent.answered(device.customerId(), device.id(), pushAuth.id(), answer.approved()));
			if (!this.listener.onDecision(decision)) {
				status.setRollbackOnly();
				return false;
			}
			return true;
		});
		if (!Boolean.TRUE.equals(taken)) {
			boolean answered = this.pushAuths.findById(pushAuth.id())
				.map((current) -> current.status() == PushAuthStatus.APPROVED
						|| current.status() == PushAuthStatus.DENIED)
				.orElse(false);
			throw answered
					? refuse(device, pushAuth.id(), RefusalReason.ALREADY_ANSWERED,
							gone(DeviceApiErrors.INVALID_REQUEST, "The request was already answered"))
					: refuse(device, pushAuth.id(), RefusalReason.EXPIRED_REQUEST,
							gone(DeviceApiErrors.EXPIRED_TOKEN, "The request has already ended"));
		}
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
