package dev.ciba.simulator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the server answered to a device call, successful or not.
 *
 * @param status the HTTP status code
 * @param body the response body, empty if there was none
 */
public record ServerAnswer(int status, String body) {

	private static final int MAX_SHOWN_BODY = 200;

	/**
	 * Whether the status is 2xx.
	 */
	public boolean isSuccessful() {
		return this.status >= 200 && this.status < 300;
	}

	/**
	 * The {@code error} of an error body, or {@code null} if the body has none.
	 */
	public @Nullable String error() {
		JsonNode object = errorObject();
		return (object != null) ? Json.text(object, "error") : null;
	}

	/**
	 * The {@code error_description} of an error body, or {@code null} if the body has
	 * none.
	 */
	public @Nullable String errorDescription() {
		JsonNode object = errorObject();
		return (object != null) ? Json.text(object, "error_description") : null;
	}

	/**
	 * The refusal in plain words:
	 * {@code Server refused (HTTP 410): <error>: <error_description>}. A body that is not
	 * a JSON error is shown as it is, cut after 200 characters.
	 */
	public String describeRefusal() {
		String error = error();
		String description = errorDescription();
		String detail;
		if (error != null) {
			detail = (description != null) ? error + ": " + description : error;
		}
		else {
			detail = (this.body.length() > MAX_SHOWN_BODY) ? this.body.substring(0, MAX_SHOWN_BODY) + "..." : this.body;
		}
		String prefix = "Server refused (HTTP " + this.status + ")";
		return detail.isBlank() ? prefix : prefix + ": " + detail.strip();
	}

	private @Nullable JsonNode errorObject() {
		try {
			return Json.readObject(this.body, "the response");
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
