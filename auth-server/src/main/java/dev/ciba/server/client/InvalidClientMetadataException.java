package dev.ciba.server.client;

/**
 * Client metadata that the server refuses. The message is the metadata name followed by
 * the problem (for example {@code backchannel_client_notification_endpoint must be an
 * https URL}); it never repeats the value.
 */
public class InvalidClientMetadataException extends RuntimeException {

	private final String field;

	private final String problem;

	public InvalidClientMetadataException(String field, String problem) {
		super(field + " " + problem);
		this.field = field;
		this.problem = problem;
	}

	/**
	 * The registration metadata name at fault, such as {@code jwks_uri}.
	 */
	public String getField() {
		return this.field;
	}

	/**
	 * What is wrong, to follow the name.
	 */
	public String getProblem() {
		return this.problem;
	}

}
