package dev.ciba.portal;

import dev.ciba.push.api.DeviceDirectory.DeviceSummary;
import org.jspecify.annotations.Nullable;

/**
 * A device as one row of the devices table, with its times ready to show.
 *
 * @param deviceId the device id
 * @param name the name the phone gave itself, or the customer gave it
 * @param model the phone's model
 * @param protocolGeneration the generation of the WSO2 push protocol it speaks (1 or 2)
 * @param registeredAt when it was registered
 * @param lastUsedAt when it last answered or fetched requests, or {@code null} if never
 * @param pullOnly whether it has no push token and must fetch requests itself
 * @param unreachable whether pushes stopped reaching it (the provider forgot its token)
 */
record DeviceRow(String deviceId, String name, String model, int protocolGeneration, DisplayTime registeredAt,
		@Nullable DisplayTime lastUsedAt, boolean pullOnly, boolean unreachable) {

	static DeviceRow from(DeviceSummary device) {
		return new DeviceRow(device.deviceId(), device.name(), device.model(), device.protocolGeneration(),
				DisplayTime.of(device.registeredAt()), DisplayTime.ofNullable(device.lastUsedAt()), device.pullOnly(),
				device.unreachable());
	}

}
