package dev.ciba.push.device;

/**
 * A public key that a device may not register: not decodable, of a type or size we do not
 * accept.
 */
public class InvalidDeviceKeyException extends Exception {

	public InvalidDeviceKeyException(String message) {
		super(message);
	}

}
