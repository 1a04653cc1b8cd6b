package dev.ciba.push.device;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A registered device as stored.
 *
 * @param id the device id of the push protocol
 * @param customerId the owner
 * @param name the device's name
 * @param model the device's model
 * @param pushToken the push provider's token, {@code null} for a pull-only device
 * @param provider the push provider's name ({@code NONE} for a pull-only device)
 * @param publicKey the base64 DER SubjectPublicKeyInfo
 * @param keyType the key type, which pins the algorithm of the device's tokens
 * @param status the device's state
 * @param registeredAt when it registered
 * @param lastUsedAt when it last answered, or {@code null}
 * @param protocol the protocol generation it registered with
 */
public record Device(String id, String customerId, String name, String model, @Nullable String pushToken,
		String provider, String publicKey, DeviceKeyType keyType, DeviceStatus status, Instant registeredAt,
		@Nullable Instant lastUsedAt, DeviceProtocol protocol) {

	/**
	 * A device of generation 2 of the protocol ({@link DeviceProtocol#WSO2_PUSH}).
	 */
	public Device(String id, String customerId, String name, String model, @Nullable String pushToken, String provider,
			String publicKey, DeviceKeyType keyType, DeviceStatus status, Instant registeredAt,
			@Nullable Instant lastUsedAt) {
		this(id, customerId, name, model, pushToken, provider, publicKey, keyType, status, registeredAt, lastUsedAt,
				DeviceProtocol.WSO2_PUSH);
	}

	public boolean active() {
		return this.status == DeviceStatus.ACTIVE;
	}

	public boolean pullOnly() {
		return this.pushToken == null;
	}

	/**
	 * Names the device only: the push token and the key stay out of logs.
	 */
	@Override
	public String toString() {
		return "Device[id=" + this.id + ", status=" + this.status + ", keyType=" + this.keyType + ", protocol="
				+ this.protocol + "]";
	}

}
