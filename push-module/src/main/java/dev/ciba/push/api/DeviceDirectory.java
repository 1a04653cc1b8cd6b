package dev.ciba.push.api;

import java.time.Instant;
import java.util.List;

/**
 * A customer's devices, as the portal shows and manages them.
 */
public interface DeviceDirectory {

	/** The longest device name the registry stores. */
	int MAX_NAME_LENGTH = 100;

	/**
	 * The customer's active devices, most recently registered first.
	 */
	List<DeviceSummary> activeDevices(String customerId);

	/**
	 * Removes one of the customer's devices at once: its keys are refused and it gets no
	 * more pushes.
	 * @return {@code false} if the customer has no such active device
	 */
	boolean remove(String customerId, String deviceId);

	/**
	 * Renames one of the customer's active devices.
	 * @param name the new name, already checked by the caller (at most
	 * {@value #MAX_NAME_LENGTH} characters)
	 * @return {@code false} if the customer has no such active device
	 */
	boolean rename(String customerId, String deviceId, String name);

	/**
	 * A device as listed to its owner.
	 *
	 * @param pullOnly the device has no push token: it fetches its requests itself
	 * @param unreachable the push provider stopped knowing the device's token; it gets no
	 * pushes until the app sends a new token, and can still pull
	 * @param protocolGeneration the generation of the WSO2 push protocol the device
	 * registered with: 2 ("push"), or 1 ("push-auth", the compatibility profile)
	 */
	record DeviceSummary(String deviceId, String name, String model, Instant registeredAt, Instant lastUsedAt,
			boolean pullOnly, boolean unreachable, int protocolGeneration) {
	}

}
