package dev.ciba.push.api;

/**
 * The customer has no active device to ask.
 */
public class NoActiveDeviceException extends RuntimeException {

	public NoActiveDeviceException() {
		super("The customer has no active device");
	}

}
