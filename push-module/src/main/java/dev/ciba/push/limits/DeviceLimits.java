package dev.ciba.push.limits;

import java.time.Duration;

/**
 * The abuse limits of the device channel. The server provides exactly one bean of this
 * type.
 *
 * @param registrationAttempts registration calls ({@code POST .../push/devices}) per
 * customer of the registration they name, whether they succeed or not
 * @param badSignatures device tokens with a signature that does not verify, per device;
 * once used up, every call of the device is refused until the window ends
 */
public record DeviceLimits(RateLimit registrationAttempts, RateLimit badSignatures) {

	/** The bucket of registration attempts. */
	public static final String REGISTRATION_BUCKET = "device-registration";

	/** The bucket of bad device signatures. */
	public static final String BAD_SIGNATURE_BUCKET = "device-bad-signature";

	public DeviceLimits {
		if (registrationAttempts == null || badSignatures == null) {
			throw new IllegalArgumentException("both device limits are required");
		}
	}

	/**
	 * The limits with the documented buckets.
	 */
	public static DeviceLimits of(int registrationAttempts, Duration registrationWindow, int badSignatures,
			Duration badSignatureWindow) {
		return new DeviceLimits(new RateLimit(REGISTRATION_BUCKET, registrationAttempts, registrationWindow),
				new RateLimit(BAD_SIGNATURE_BUCKET, badSignatures, badSignatureWindow));
	}

	/**
	 * The documented defaults: 10 registration attempts per customer and hour, 5 bad
	 * signatures per device and 10 minutes.
	 */
	public static DeviceLimits defaults() {
		return of(10, Duration.ofHours(1), 5, Duration.ofMinutes(10));
	}

}
