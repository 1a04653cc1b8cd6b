package dev.ciba.push.device;

/**
 * The states of a registered device.
 */
public enum DeviceStatus {

	/**
	 * Its keys are accepted and it gets pushes.
	 */
	ACTIVE,

	/**
	 * Removed by its owner or by itself: refused at once, no more pushes.
	 */
	REMOVED

}
