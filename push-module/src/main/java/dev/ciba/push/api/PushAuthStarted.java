package dev.ciba.push.api;

import java.util.List;

/**
 * A push authentication that was recorded.
 *
 * @param pushAuthId the random identifier sent to the devices (the {@code pushId} of the
 * push data)
 * @param notifiedDeviceIds the devices that were notified; only they may answer
 */
public record PushAuthStarted(String pushAuthId, List<String> notifiedDeviceIds) {

	public PushAuthStarted {
		notifiedDeviceIds = List.copyOf(notifiedDeviceIds);
	}

}
