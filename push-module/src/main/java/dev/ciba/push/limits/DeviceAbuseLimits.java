package dev.ciba.push.limits;

import dev.ciba.push.DeviceApiException;
import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.audit.RefusalReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The abuse limits of the device channel, counted in the database so that they hold
 * across nodes. A call over a limit is refused with 429 {@code too_many_requests} and
 * {@code Retry-After}, and audited as a {@link RefusalReason#RATE_LIMITED} refusal.
 */
@Component
public class DeviceAbuseLimits {

	private static final Logger logger = LoggerFactory.getLogger(DeviceAbuseLimits.class);

	private final RateLimiter limiter;

	private final DeviceLimits limits;

	private final DeviceEvents events;

	public DeviceAbuseLimits(RateLimiter limiter, DeviceLimits limits, DeviceEvents events) {
		this.limiter = limiter;
		this.limits = limits;
		this.events = events;
	}

	/**
	 * Counts one registration attempt for the customer whose registration it names; the
	 * signature is checked after this, so guesses count.
	 * @throws DeviceApiException 429 when the customer's attempts are used up
	 */
	public void countRegistrationAttempt(String customerId, String deviceId) {
		RateLimitDecision decision = this.limiter.acquire(this.limits.registrationAttempts(), customerId);
		if (!decision.allowed()) {
			// Each refused attempt is one audit row. Only someone holding one of the
			// customer's open registrations (a QR code, 180 s of life, at most three
			// open)
			// can make them, which bounds them; a device id alone is not enough.
			logger.warn("Refused registration of device {}: too many attempts for its customer", deviceId);
			throw refuse(customerId, deviceId, decision, "Too many registration attempts; try again later");
		}
	}

	/**
	 * Refuses every call of a device that sent too many badly signed tokens, until the
	 * window ends, whatever its token.
	 * <p>
	 * The lock is per device, not per sender: whoever knows a device id (it is in the QR
	 * code and in every push) can lock that device by sending badly signed tokens. A
	 * limit per client address would tell the attacker from the phone, but the server
	 * does not know the client address behind proxies yet.
	 * @throws DeviceApiException 429 while the device is locked
	 */
	public void checkNotLocked(String customerId, String deviceId) {
		RateLimitDecision decision = this.limiter.check(this.limits.badSignatures(), deviceId);
		if (!decision.allowed()) {
			// Recorded and warned once, when the lock began (countBadSignature): a
			// stranger hammering a locked device must not grow the trail or the log.
			logger.debug("Refused a call of device {}: locked after too many bad signatures", deviceId);
			throw DeviceApiException.tooManyRequests(
					"The device is locked after too many tokens with a bad signature; try again later",
					decision.retryAfter());
		}
	}

	/**
	 * Counts a token of a registered device whose signature did not verify. The one that
	 * uses up the limit locks the device: that is one audit record and one warning per
	 * window, however many calls follow.
	 */
	public void countBadSignature(String customerId, String deviceId) {
		this.limiter.acquire(this.limits.badSignatures(), deviceId);
		RateLimitDecision after = this.limiter.check(this.limits.badSignatures(), deviceId);
		if (!after.allowed()) {
			logger.warn("Locked device {} after too many tokens with a bad signature", deviceId);
			this.events.record(DeviceEvent.refused(customerId, deviceId, null, RefusalReason.RATE_LIMITED));
		}
	}

	private DeviceApiException refuse(String customerId, String deviceId, RateLimitDecision decision,
			String description) {
		this.events.record(DeviceEvent.refused(customerId, deviceId, null, RefusalReason.RATE_LIMITED));
		return DeviceApiException.tooManyRequests(description, decision.retryAfter());
	}

}
