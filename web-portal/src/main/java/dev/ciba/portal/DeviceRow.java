package dev.ciba.portal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.ciba.push.api.DeviceDirectory.DeviceSummary;
import org.jspecify.annotations.Nullable;

/**
 * A device as one row of the devices table, with its times ready to show.
 *
 * @param deviceId the device id
 * @param name the name the phone gave itself
 * @param model the phone's model
 * @param registeredAt when it was registered, in UTC for display
 * @param registeredAtIso the same instant in ISO-8601 for {@code <time datetime>}
 * @param lastUsedAt when it last answered, in UTC for display, or {@code null} if never
 * @param lastUsedAtIso the same instant in ISO-8601, or {@code null} if never
 * @param pullOnly whether it has no push token and must fetch requests itself
 * @param unreachable whether pushes stopped reaching it (the provider forgot its token)
 */
record DeviceRow(String deviceId, String name, String model, String registeredAt, String registeredAtIso,
		@Nullable String lastUsedAt, @Nullable String lastUsedAtIso, boolean pullOnly, boolean unreachable) {

	private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	static DeviceRow from(DeviceSummary device) {
		Instant lastUsed = device.lastUsedAt();
		return new DeviceRow(device.deviceId(), device.name(), device.model(), DISPLAY.format(device.registeredAt()),
				device.registeredAt().toString(), (lastUsed != null) ? DISPLAY.format(lastUsed) : null,
				(lastUsed != null) ? lastUsed.toString() : null, device.pullOnly(), device.unreachable());
	}

}
