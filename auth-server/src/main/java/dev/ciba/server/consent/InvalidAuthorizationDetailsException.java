package dev.ciba.server.consent;

/**
 * Authorization details that break a rule of RFC 9396 §2 or of this server; the caller
 * answers {@code invalid_authorization_details} (RFC 9396 §5). The message names what is
 * wrong and never echoes a value.
 */
public class InvalidAuthorizationDetailsException extends RuntimeException {

	public InvalidAuthorizationDetailsException(String description) {
		super(description);
	}

}
