package dev.ciba.server.ciba;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ciba.server.ciba.BackchannelAuthenticationService.Accepted;
import dev.ciba.server.web.OAuthErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The backchannel authentication endpoint, {@code POST /oauth2/bc-authorize} (CIBA Core
 * 1.0 §7). Matches the path, hands the parsed request to
 * {@link BackchannelAuthenticationService} and writes the answer; the client was
 * authenticated by the client authentication filter before.
 */
public class BackchannelAuthenticationEndpointFilter extends OncePerRequestFilter {

	/** The endpoint's path. */
	public static final String ENDPOINT = "/oauth2/bc-authorize";

	private static final Logger logger = LoggerFactory.getLogger(BackchannelAuthenticationEndpointFilter.class);

	private static final RequestMatcher PATH = PathPatternRequestMatcher.withDefaults().matcher(ENDPOINT);

	private final BackchannelAuthenticationRequestConverter converter = new BackchannelAuthenticationRequestConverter();

	private final BackchannelAuthenticationService service;

	private final CibaAudit audit;

	private final JsonMapper json = JsonMapper.builder().build();

	public BackchannelAuthenticationEndpointFilter(BackchannelAuthenticationService service, CibaAudit audit) {
		this.service = service;
		this.audit = audit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!PATH.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (!HttpMethod.POST.matches(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
			OAuthErrorResponses.write(response, HttpStatus.METHOD_NOT_ALLOWED, OAuth2ErrorCodes.INVALID_REQUEST,
					"The backchannel authentication endpoint accepts only POST");
			return;
		}
		RegisteredClient client = authenticatedClient();
		if (client == null) {
			// Only a client authentication satisfies this endpoint; any other credential
			// (a bearer access token,
			// say) does not make the caller a client.
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth\"");
			OAuthErrorResponses.write(response, HttpStatus.UNAUTHORIZED, OAuth2ErrorCodes.INVALID_CLIENT,
					"Client authentication is required");
			return;
		}
		try {
			ParsedBackchannelRequest parsed = this.converter.convert(request);
			Accepted accepted = this.service.accept(client, parsed);
			this.audit.record(CibaAudit.Event.REQUESTED, accepted.requestId(), client.getClientId(), "-");
			writeSuccess(response, accepted.response());
		}
		catch (OAuth2AuthenticationException ex) {
			OAuth2Error error = ex.getError();
			logger.debug("Refused a backchannel authentication request of client {}: {}", client.getClientId(),
					error.getErrorCode());
			if (ex instanceof CibaRequestLimit.Refused limited) {
				this.audit.record(CibaAudit.Event.REFUSED, "-", client.getClientId(), limited.reason());
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(limited.retryAfter().toSeconds()));
				OAuthErrorResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, error);
				return;
			}
			this.audit.record(CibaAudit.Event.REFUSED, "-", client.getClientId(), error.getErrorCode());
			OAuthErrorResponses.write(response, statusOf(error), error);
		}
	}

	private static RegisteredClient authenticatedClient() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
				&& client.getRegisteredClient() != null) {
			return client.getRegisteredClient();
		}
		return null;
	}

	// CIBA Core §13: access_denied is 403, invalid_client 401, every other error 400.
	private static HttpStatus statusOf(OAuth2Error error) {
		return switch (error.getErrorCode()) {
			case CibaErrors.ACCESS_DENIED -> HttpStatus.FORBIDDEN;
			case OAuth2ErrorCodes.INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
			default -> HttpStatus.BAD_REQUEST;
		};
	}

	private void writeSuccess(HttpServletResponse response, BackchannelAuthenticationResponse accepted)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("auth_req_id", accepted.authReqId().value());
		body.put("expires_in", accepted.expiresIn());
		if (accepted.interval() != null) {
			body.put("interval", accepted.interval());
		}
		if (accepted.numberChallenge() != null) {
			body.put(BackchannelAuthenticationResponse.NUMBER_CHALLENGE, accepted.numberChallenge());
		}
		response.setStatus(HttpStatus.OK.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		this.json.writeValue(response.getOutputStream(), body);
	}

}
