package dev.ciba.server.client.keys;

/**
 * A client's JWK Set that could not be fetched or read. The message says why and never
 * carries the answer's body.
 */
public class JwkSetFetchException extends RuntimeException {

	public JwkSetFetchException(String message) {
		super(message);
	}

	public JwkSetFetchException(String message, Throwable cause) {
		super(message, cause);
	}

}
