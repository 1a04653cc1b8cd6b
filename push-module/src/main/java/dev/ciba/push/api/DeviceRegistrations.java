package dev.ciba.push.api;

import java.util.Optional;

/**
 * Opens device registrations for a logged-in customer (the data behind the portal's QR
 * code).
 */
public interface DeviceRegistrations {

	/**
	 * Opens a registration: a new random device id and a single-use challenge, stored
	 * with a short lifetime. The number of open registrations per customer is capped; the
	 * oldest open one gives way.
	 */
	DiscoveryData open(String customerId);

	/**
	 * The discovery data of an open (unused, unexpired) registration of this customer, if
	 * any.
	 */
	Optional<DiscoveryData> findOpen(String customerId, String deviceId);

	/**
	 * Whether the customer has as many active devices as one may have: a registration
	 * opened now would be refused when the phone uses it.
	 */
	boolean deviceLimitReached(String customerId);

	/**
	 * The most active devices one customer may have.
	 */
	int maxDevicesPerCustomer();

	/**
	 * The QR code (PNG) of discovery data: the JSON of {@link DiscoveryData#toJson()}.
	 */
	byte[] qrPng(DiscoveryData data);

	/**
	 * The QR content of the same registration in the short keys of generation 1
	 * ("push-auth") of the WSO2 protocol ({@code did}, {@code un}, {@code td},
	 * {@code hst}, {@code bp}, {@code re}, {@code ae}, {@code rde}, {@code chg}), while
	 * that generation's compatibility profile is on.
	 * @return empty when the profile is off
	 */
	default Optional<String> wso2V1Json(DiscoveryData data) {
		return Optional.empty();
	}

	/**
	 * The QR code (PNG) of {@link #wso2V1Json(DiscoveryData)}.
	 * @return empty when the profile is off
	 */
	default Optional<byte[]> wso2V1QrPng(DiscoveryData data) {
		return Optional.empty();
	}

}
