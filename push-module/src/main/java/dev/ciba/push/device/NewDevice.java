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
 */
public record NewDevice(String id, String customerId, String name, String model, @Nullable String pushToken,
		String provider, DevicePublicKey publicKey) {

	@Override
	public String toString() {
		return "NewDevice[id=" + this.id + ", keyType=" + this.publicKey.type() + "]";
	}

}
