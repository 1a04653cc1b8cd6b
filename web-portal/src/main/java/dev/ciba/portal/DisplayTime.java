package dev.ciba.portal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * An instant ready to show: in UTC to the minute for people, and in ISO-8601 for the
 * {@code datetime} attribute of {@code <time>}.
 *
 * @param display the time for display, without the zone (the message adds "UTC")
 * @param iso the same instant in ISO-8601
 */
record DisplayTime(String display, String iso) {

	private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	static DisplayTime of(Instant instant) {
		return new DisplayTime(DISPLAY.format(instant), instant.toString());
	}

	static @Nullable DisplayTime ofNullable(@Nullable Instant instant) {
		return (instant != null) ? of(instant) : null;
	}

}
