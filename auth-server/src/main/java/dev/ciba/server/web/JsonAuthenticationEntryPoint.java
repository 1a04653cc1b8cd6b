package dev.ciba.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * A 401 with an OAuth JSON body and the matching {@code WWW-Authenticate} challenge, for
 * requests that came without the credential an endpoint needs.
 */
public final class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final String challenge;

	private final String error;

	private final String description;

	private JsonAuthenticationEntryPoint(String challenge, String error, String description) {
		this.challenge = challenge;
		this.error = error;
		this.description = description;
	}

	/**
	 * For endpoints that authenticate OAuth clients (RFC 6749 §5.2:
	 * {@code invalid_client}).
	 */
	public static JsonAuthenticationEntryPoint client() {
		return new JsonAuthenticationEntryPoint("Basic realm=\"oauth\"", "invalid_client",
				"Client authentication is required");
	}

	/**
	 * For endpoints that need a bearer access token (RFC 6750 §3).
	 */
	public static JsonAuthenticationEntryPoint bearer() {
		return new JsonAuthenticationEntryPoint("Bearer", "invalid_token", "A valid bearer access token is required");
	}

	/**
	 * For JSON endpoints that need a logged-in portal session.
	 */
	public static JsonAuthenticationEntryPoint session() {
		return new JsonAuthenticationEntryPoint(null, "login_required", "A logged-in portal session is required");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) {
		if (this.challenge != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, this.challenge);
		}
		OAuthErrorResponses.write(response, HttpStatus.UNAUTHORIZED, this.error, this.description);
	}

}
