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
		if (!isCompactJws(value)) {
			throw DeviceApiException.invalidRequest("The parameter " + parameter + " is not a compact JWS");
		}
		return value;
	}

	/**
	 * Whether a value is made only of the characters of a compact JWS (RFC 7515 §7.1:
	 * base64url and dots). The JWT parser trims control characters and spaces around a
	 * token, so a token with a NUL or a line break appended would otherwise pass.
	 */
	static boolean isCompactJws(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_' || c == '.';
			if (!allowed) {
				return false;
			}
		}
		return true;
	}

}
