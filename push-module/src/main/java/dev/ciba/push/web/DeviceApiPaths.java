package dev.ciba.push.web;

import java.util.Map;

import dev.ciba.push.DeviceApiErrors;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.PushChannelSettings;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The paths of the device API and the checks every call makes on them.
 */
final class DeviceApiPaths {

	static final String DISCOVERY_DATA = "/t/{tenant}/api/users/v1/me/push/discovery-data";

	static final String DEVICES = "/t/{tenant}/api/users/v1/me/push/devices";

	static final String DEVICE = DEVICES + "/{deviceId}";

	static final String REMOVE_DEVICE = DEVICE + "/remove";

	static final String UPDATE_DEVICE = DEVICE + "/update";

	static final String ROTATE_DEVICE_KEY = DEVICE + "/rotate-key";

	static final String AUTHENTICATE = "/t/{tenant}/push-auth/authenticate";

	static final String PENDING = "/t/{tenant}/push-auth/pending";

	/**
	 * Registration in generation 1 ("push-auth") of the WSO2 protocol; exists only while
	 * its compatibility profile is on. Its answers go to {@link #AUTHENTICATE}.
	 */
	static final String WSO2_V1_DEVICES = "/t/{tenant}/api/users/v1/me/push-auth/devices";

	static final String WSO2_V1_REMOVE_DEVICE = WSO2_V1_DEVICES + "/{deviceId}/remove";

	private DeviceApiPaths() {
	}

	/**
	 * Refuses a path of another tenant with a 404.
	 */
	static void checkTenant(PushChannelSettings settings, String tenant) {
		if (!settings.tenant().equals(tenant)) {
			throw new DeviceApiException(HttpStatus.NOT_FOUND, DeviceApiErrors.NOT_FOUND, "Unknown tenant");
		}
	}

	/**
	 * Refuses a generation-1 path with a 404 while its profile is off, or of another
	 * tenant.
	 */
	static void checkWso2V1(PushChannelSettings settings, String tenant) {
		if (!settings.wso2V1().enabled()) {
			throw new DeviceApiException(HttpStatus.NOT_FOUND, DeviceApiErrors.NOT_FOUND, "Unknown path");
		}
		checkTenant(settings, tenant);
	}

	/**
	 * The refusal of a method the path does not support.
	 */
	static DeviceApiException methodNotAllowed(String allowed) {
		return new DeviceApiException(HttpStatus.METHOD_NOT_ALLOWED, DeviceApiErrors.METHOD_NOT_ALLOWED,
				"The method is not supported on this path", Map.of(HttpHeaders.ALLOW, allowed));
	}

}
