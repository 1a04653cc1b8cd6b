package dev.ciba.server.registration;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.ciba.server.web.OAuthErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The client registration endpoint: {@code POST /connect/register} registers a client
 * (RFC 7591 §3), with an initial access token as bearer token; {@code GET
 * /connect/register?client_id=...} and {@code GET /connect/register/{client_id}} show it
 * to the holder of its registration access token (RFC 7592 §2.1). Matches, reads and
 * writes; {@link ClientRegistrationService} holds the rules. It authenticates its callers
 * itself, so the security chain lets these paths through.
 */
public class ClientRegistrationEndpointFilter extends OncePerRequestFilter {

	/** The endpoint's path. */
	public static final String ENDPOINT = "/connect/register";

	/** The largest registration request read. */
	static final int MAX_BODY_BYTES = 64 * 1024;

	private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

	private static final PathPatternRequestMatcher COLLECTION = PATHS.matcher(ENDPOINT);

	private static final PathPatternRequestMatcher CLIENT = PATHS.matcher(ENDPOINT + "/{clientId}");

	/** RFC 6750 §2.1: the characters of a bearer token. */
	private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private static final String BEARER = "Bearer ";

	private final ClientRegistrationService service;

	private final ClientRegistrationRequestParser parser = new ClientRegistrationRequestParser();

	private final JsonMapper json = JsonMapper.builder().build();

	public ClientRegistrationEndpointFilter(ClientRegistrationService service) {
		this.service = service;
	}

	/**
	 * The paths of the endpoint, for the security chain.
	 */
	public static RequestMatcher endpoints() {
		return new OrRequestMatcher(COLLECTION, CLIENT);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean collection = COLLECTION.matches(request);
		if (!collection && !CLIENT.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		try {
			if (collection && HttpMethod.POST.matches(request.getMethod())) {
				register(request, response);
			}
			else if (HttpMethod.GET.matches(request.getMethod())) {
				String clientId = collection ? queryClientId(request)
						: CLIENT.matcher(request).getVariables().get("clientId");
				write(response, HttpStatus.OK, this.service.read(clientId, bearerToken(request)));
			}
			else {
				response.setHeader(HttpHeaders.ALLOW, collection ? "GET, POST" : "GET");
				OAuthErrorResponses.write(response, HttpStatus.METHOD_NOT_ALLOWED, OAuth2ErrorCodes.INVALID_REQUEST,
						"This endpoint accepts only " + (collection ? "GET and POST" : "GET"));
			}
		}
		catch (ClientRegistrationException ex) {
			if (ex.getChallenge() != null) {
				response.setHeader(HttpHeaders.WWW_AUTHENTICATE, ex.getChallenge());
			}
			OAuthErrorResponses.write(response, ex.getStatus(), ex.getError());
		}
	}

	// The token is checked before the body is read: an unauthenticated caller learns
	// nothing about the metadata rules.
	private void register(HttpServletRequest request, HttpServletResponse response) throws IOException {
		InitialAccessToken token = this.service.authorize(bearerToken(request));
		checkJson(request);
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		if (body.length > MAX_BODY_BYTES) {
			throw tooLarge();
		}
		write(response, HttpStatus.CREATED, this.service.register(token, this.parser.parse(body)));
	}

	private static void checkJson(HttpServletRequest request) {
		MediaType type;
		try {
			type = (request.getContentType() != null) ? MediaType.parseMediaType(request.getContentType()) : null;
		}
		catch (InvalidMediaTypeException ex) {
			type = null;
		}
		if (type == null || !MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.isWildcardSubtype()) {
			throw ClientRegistrationException
				.invalidMetadata("The request body must be a JSON object sent as application/json");
		}
	}

	private static ClientRegistrationException tooLarge() {
		return ClientRegistrationException
			.invalidMetadata("The request body is larger than " + MAX_BODY_BYTES + " bytes");
	}

	private static String queryClientId(HttpServletRequest request) {
		String[] values = request.getParameterValues("client_id");
		if (values == null || values.length != 1 || values[0].isEmpty()) {
			throw ClientRegistrationException.invalidRequest("Exactly one client_id parameter is required");
		}
		return values[0];
	}

	// RFC 6750 §2.1: the token in the Authorization header, in one header only.
	private static String bearerToken(HttpServletRequest request) {
		List<String> headers = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
		if (headers.isEmpty()) {
			return null;
		}
		if (headers.size() > 1) {
			throw ClientRegistrationException.invalidRequest("The request carries more than one Authorization header");
		}
		String header = headers.get(0);
		if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String token = header.substring(BEARER.length()).trim();
		if (!B64TOKEN.matcher(token).matches()) {
			throw ClientRegistrationException.invalidToken("The bearer token is malformed", false);
		}
		return token;
	}

	private void write(HttpServletResponse response, HttpStatus status, Map<String, Object> body) throws IOException {
		byte[] bytes = this.json.writeValueAsBytes(body);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		response.setContentLength(bytes.length);
		response.getOutputStream().write(bytes);
	}

}
