package dev.ciba.push.audit;

/**
 * Why a call of the device API was refused: the reason code of a
 * {@link DeviceEventType#REFUSED} event.
 */
public enum RefusalReason {

	/**
	 * A token or a registration whose signature does not verify with the device's key.
	 */
	BAD_SIGNATURE,

	/**
	 * A token whose algorithm does not fit the device's key ({@code none}, HMAC, another
	 * type).
	 */
	ALGORITHM_NOT_ALLOWED,

	/** A token that names a device that was never registered. */
	UNKNOWN_DEVICE,

	/** A token of a device that was removed. */
	REMOVED_DEVICE,

	/** A token whose header names another device than the path. */
	DEVICE_MISMATCH,

	/** A token that is not a well-formed signed JWT, or lacks a required claim. */
	MALFORMED_TOKEN,

	/** A token past its expiry. */
	EXPIRED_TOKEN,

	/** A token issued in the future, not valid yet, or living longer than allowed. */
	TOKEN_TIMES,

	/**
	 * A token used for another call than it was made for, for example an update token
	 * used to remove.
	 */
	WRONG_PURPOSE,

	/**
	 * A token in the form of the other protocol generation than the one the device
	 * registered with.
	 */
	WRONG_PROTOCOL,

	/** A generation-1 token whose audience is not this server's tenant URL. */
	WRONG_AUDIENCE,

	/** A token used a second time ({@code jti}, or a remove or update token). */
	REPLAYED_TOKEN,

	/** An answer to a push authentication that does not exist (any more). */
	UNKNOWN_REQUEST,

	/**
	 * An answer of a device that was not notified for the request, or that belongs to
	 * another customer.
	 */
	NOT_NOTIFIED,

	/** An answer whose challenge does not match the request's. */
	WRONG_CHALLENGE,

	/**
	 * An answer naming another number than the one shown to the client (number matching).
	 */
	WRONG_NUMBER,

	/** An answer to a request that was already answered. */
	ALREADY_ANSWERED,

	/** An answer to a request that expired or ended. */
	EXPIRED_REQUEST,

	/** A call for a customer whose account is disabled. */
	DISABLED_CUSTOMER,

	/**
	 * A call over one of the abuse limits (too many registration attempts, a device
	 * locked after bad signatures).
	 */
	RATE_LIMITED

}
