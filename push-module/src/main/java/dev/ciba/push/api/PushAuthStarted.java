package dev.ciba.push.api;

import java.util.List;

/**
 * A push authentication that was recorded.
 *
 * @param pushAuthId the random identifier sent to the devices (the {@code pushId} of the
 * push data)
 * @param notifiedDeviceIds the devices that were notified; only they may answer
 * @param numberChallenge the two-digit number the client must show the customer, or
 * {@code null} without number matching; never sent to the phones
 */
public record PushAuthStarted(String pushAuthId, List<String> notifiedDeviceIds, String numberChallenge) {

	public PushAuthStarted {
		notifiedDeviceIds = List.copyOf(notifiedDeviceIds);
	}

	/**
	 * A push authentication without number matching.
	 */
	public PushAuthStarted(String pushAuthId, List<String> notifiedDeviceIds) {
		this(pushAuthId, notifiedDeviceIds, null);
	}

	/**
	 * Leaves out the number.
	 */
	@Override
	public String toString() {
		return "PushAuthStarted[notifiedDevices=" + this.notifiedDeviceIds.size() + "]";
	}

}
