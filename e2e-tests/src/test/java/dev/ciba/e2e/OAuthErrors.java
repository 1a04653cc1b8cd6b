package dev.ciba.e2e;

import java.util.Set;
import java.util.regex.Pattern;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import net.minidev.json.JSONObject;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape every OAuth error must have (CIBA Core §13, RFC 6749 §5.2; checklist items 24
 * and G): the status, {@code Content-Type: application/json}, a JSON object of only
 * {@code error}, {@code error_description} and {@code error_uri}, and a description of
 * the characters RFC 6749 allows.
 */
final class OAuthErrors {

	private static final Set<String> MEMBERS = Set.of("error", "error_description", "error_uri");

	/** RFC 6749 §5.2: {@code %x20-21 / %x23-5B / %x5D-7E}. */
	private static final Pattern DESCRIPTION = Pattern.compile("[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]*");

	private OAuthErrors() {
	}

	/**
	 * Asserts that the answer is exactly this OAuth error.
	 * @return the error body
	 */
	static JSONObject assertOAuthError(HTTPResponse response, int status, String error) {
		assertThat(response.getStatusCode()).as("HTTP status of %s", response.getBody()).isEqualTo(status);
		assertThat(response.getEntityContentType()).as("Content-Type").isNotNull();
		assertThat(response.getEntityContentType().matches(ContentType.APPLICATION_JSON)).as("Content-Type JSON")
			.isTrue();
		JSONObject body = json(response);
		assertThat(body.keySet()).contains("error").isSubsetOf(MEMBERS);
		assertThat(body.get("error")).isEqualTo(error);
		Object description = body.get("error_description");
		if (description != null) {
			assertThat(description).isInstanceOf(String.class);
			assertThat((String) description).matches(DESCRIPTION);
		}
		return body;
	}

	static JSONObject json(HTTPResponse response) {
		try {
			return response.getBodyAsJSONObject();
		}
		catch (ParseException ex) {
			throw new AssertionError("Not a JSON object (HTTP " + response.getStatusCode() + "): " + response.getBody(),
					ex);
		}
	}

}
