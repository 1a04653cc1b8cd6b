package dev.ciba.portal;

import java.util.regex.Pattern;

/**
 * The shape of an id in a portal URL (a device or a grant), checked before it reaches a
 * port.
 */
final class DeviceIds {

	/**
	 * Unreserved URL characters only (RFC 3986, section 2.3), which covers UUIDs and
	 * base64url; anything else cannot be an id the push module issued.
	 */
	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

	private DeviceIds() {
	}

	static boolean isWellFormed(String deviceId) {
		return WELL_FORMED.matcher(deviceId).matches();
	}

}
