package dev.ciba.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Answers a failed client authentication as RFC 6749 §5.2 asks: 401
 * {@code invalid_client} for credentials that are malformed, unknown or wrong, with a
 * {@code WWW-Authenticate} challenge when the client tried HTTP Basic, and always with a
 * description. The description never says which part was wrong.
 */
public class ClientAuthenticationFailureHandler implements AuthenticationFailureHandler {

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) {
		// RFC 6749 §5.2: a client authentication that fails, for whatever reason (a
		// malformed Basic header or
		// assertion included), is invalid_client. The converters' own invalid_request
		// says too much and too little.
		if (usedBasic(request)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth\"");
		}
		OAuthErrorResponses.write(response, HttpStatus.UNAUTHORIZED, OAuth2ErrorCodes.INVALID_CLIENT,
				"Client authentication failed");
	}

	private static boolean usedBasic(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5);
	}

}
