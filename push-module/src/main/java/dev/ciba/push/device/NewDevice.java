package dev.ciba.push.device;

import org.jspecify.annotations.Nullable;

/**
 * A device about to be stored, its key already checked.
 *
 * @param id the device id offered by the registration
 * @param customerId the owner
 * @param name the device's name
 * @param model the device's model
 * @param pushToken the push token, {@code null} for a pull-only device
 * @param provider the push provider's name
 * @param publicKey the checked key
 * @param protocol the protocol generation it registers with
 */
public record NewDevice(String id, String customerId, String name, String model, @Nullable String pushToken,
		String provider, DevicePublicKey publicKey, DeviceProtocol protocol) {

	/**
	 * A device of generation 2 of the protocol ({@link DeviceProtocol#WSO2_PUSH}).
	 */
	public NewDevice(String id, String customerId, String name, String model, @Nullable String pushToken,
			String provider, DevicePublicKey publicKey) {
		this(id, customerId, name, model, pushToken, provider, publicKey, DeviceProtocol.WSO2_PUSH);
	}

	@Override
	public String toString() {
		return "NewDevice[id=" + this.id + ", keyType=" + this.publicKey.type() + "]";
	}

}
