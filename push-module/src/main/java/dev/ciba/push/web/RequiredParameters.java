package dev.ciba.push.web;

import dev.ciba.push.DeviceApiException;
import org.jspecify.annotations.Nullable;

/**
 * Presence and size checks of request parameters.
 */
final class RequiredParameters {

	/**
	 * The longest JWT accepted in a body or header.
	 */
	static final int MAX_JWT_LENGTH = 8192;

	private RequiredParameters() {
	}

	static String jwt(@Nullable String value, String parameter) {
		if (value == null || value.isBlank()) {
			throw DeviceApiException.invalidRequest("The parameter " + parameter + " is missing");
		}
		if (value.length() > MAX_JWT_LENGTH) {
			throw DeviceApiException.invalidRequest("The parameter " + parameter + " is too long");
		}
		return value;
	}

}
