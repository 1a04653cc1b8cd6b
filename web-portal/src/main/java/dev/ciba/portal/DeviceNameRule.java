package dev.ciba.portal;

import java.text.Normalizer;

import dev.ciba.push.api.DeviceDirectory;
import org.jspecify.annotations.Nullable;

/**
 * What a name the customer gives a phone may be: 1 to {@value #MAX_LENGTH} characters
 * after trimming and NFC normalisation, with no control, format or separator characters
 * other than the space (a bidirectional override or a zero-width character could make a
 * name read as something it is not).
 */
final class DeviceNameRule {

	/** Most characters of a device name, as the device registry stores them. */
	static final int MAX_LENGTH = DeviceDirectory.MAX_NAME_LENGTH;

	private DeviceNameRule() {
	}

	/**
	 * The name as it will be stored, or {@code null} if it breaks the rule.
	 */
	static @Nullable String normalise(@Nullable String name) {
		if (name == null) {
			return null;
		}
		String normalised = Normalizer.normalize(name, Normalizer.Form.NFC).strip();
		if (normalised.isEmpty() || normalised.length() > MAX_LENGTH
				|| !normalised.codePoints().allMatch(DeviceNameRule::allowed)) {
			return null;
		}
		return normalised;
	}

	private static boolean allowed(int codePoint) {
		if (codePoint == ' ') {
			return true;
		}
		int type = Character.getType(codePoint);
		return !(Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
				|| type == Character.PARAGRAPH_SEPARATOR || type == Character.SPACE_SEPARATOR
				|| type == Character.PRIVATE_USE || type == Character.SURROGATE || type == Character.UNASSIGNED);
	}

}
