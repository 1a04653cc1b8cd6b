package dev.ciba.push.audit;

/**
 * What happened to or with a device.
 */
public enum DeviceEventType {

	/** A phone registered with a customer's QR code. */
	REGISTERED,

	/** A phone changed its push token or its name. */
	UPDATED,

	/** A phone replaced its key pair. */
	KEY_ROTATED,

	/**
	 * A device was removed; the reason says by whom ({@link DeviceEvent#BY_DEVICE},
	 * {@link DeviceEvent#BY_PORTAL}).
	 */
	REMOVED,

	/** A push for a request went out to the device. */
	NOTIFIED,

	/** A push to the device failed for good; the reason is the provider's error code. */
	PUSH_FAILED,

	/**
	 * The device answered a request; the reason is {@code APPROVED} or {@code DENIED}.
	 */
	ANSWERED,

	/**
	 * A call of or about the device was refused; the reason is a {@link RefusalReason}.
	 */
	REFUSED

}
