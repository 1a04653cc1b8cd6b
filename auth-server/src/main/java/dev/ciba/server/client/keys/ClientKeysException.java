package dev.ciba.server.client.keys;

/**
 * A client whose keys cannot be used: none registered, unreadable, or not fetchable. The
 * client's signature can then not be checked at all, which is a fault of its
 * registration, not of the signed message.
 */
public class ClientKeysException extends RuntimeException {

	public ClientKeysException(String message) {
		super(message);
	}

	public ClientKeysException(String message, Throwable cause) {
		super(message, cause);
	}

}
