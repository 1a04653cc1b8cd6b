package dev.ciba.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
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
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError() : null;
		if (error != null && !OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode())
				&& !isMalformedCredential(request, error)) {
			String description = (error.getDescription() != null) ? error.getDescription()
					: "The client authentication request is malformed";
			OAuthErrorResponses.write(response, HttpStatus.BAD_REQUEST,
					new OAuth2Error(error.getErrorCode(), description, error.getUri()));
			return;
		}
		if (usedBasic(request)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth\"");
		}
		OAuthErrorResponses.write(response, HttpStatus.UNAUTHORIZED, OAuth2ErrorCodes.INVALID_CLIENT,
				"Client authentication failed");
	}

	// A Basic header that cannot be decoded is a failed client authentication, not a
	// malformed OAuth request.
	private static boolean isMalformedCredential(HttpServletRequest request, OAuth2Error error) {
		return OAuth2ErrorCodes.INVALID_REQUEST.equals(error.getErrorCode()) && usedBasic(request);
	}

	private static boolean usedBasic(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, "Basic", 0, 5);
	}

}
