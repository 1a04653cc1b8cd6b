package dev.ciba.server.delivery;

/**
 * A client notification endpoint that the server refuses to call. The message says why,
 * and names neither tokens nor the full URL.
 */
public class InvalidNotificationEndpointException extends RuntimeException {

	public InvalidNotificationEndpointException(String message) {
		super(message);
	}

}
