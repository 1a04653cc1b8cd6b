package dev.ciba.server.web;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;

/**
 * Writes OAuth error bodies ({@code error}, {@code error_description}, optional
 * {@code error_uri}) with the status the caller chooses, and nothing else: no Spring Boot
 * error body, never HTML.
 */
public final class OAuthErrorResponses {

	private static final OAuth2ErrorHttpMessageConverter CONVERTER = new OAuth2ErrorHttpMessageConverter();

	private OAuthErrorResponses() {
	}

	/**
	 * Writes the error with the given status, marking the response as not cacheable.
	 */
	public static void write(HttpServletResponse response, HttpStatusCode status, OAuth2Error error) {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.setStatusCode(status);
		httpResponse.getHeaders().setCacheControl("no-store");
		httpResponse.getHeaders().setPragma("no-cache");
		try {
			CONVERTER.write(error, null, httpResponse);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes the error with the given status.
	 */
	public static void write(HttpServletResponse response, HttpStatus status, String code, String description) {
		write(response, status, new OAuth2Error(code, description, null));
	}

}
