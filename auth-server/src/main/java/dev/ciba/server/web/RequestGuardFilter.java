package dev.ciba.server.web;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads them, requests whose shape no OAuth endpoint accepts:
 * <ul>
 * <li>a NUL character in a parameter (PostgreSQL cannot store it, and no protocol value
 * contains it);</li>
 * <li>on the form endpoints, parameters in the query string: they belong in the body (RFC
 * 6749 §3.2 and CIBA Core §7.1), where proxies and access logs do not record hints and
 * binding messages;</li>
 * <li>more than one {@code Authorization} header, or client credentials both in the
 * header and in the body: a client uses one authentication method per request (RFC 6749
 * §2.3).</li>
 * </ul>
 */
public class RequestGuardFilter extends OncePerRequestFilter {

	private final RequestMatcher formEndpoints;

	private final boolean errorPages;

	private final Set<String> multiValued;

	/**
	 * @param formEndpoints the endpoints that take their parameters from a form body
	 */
	public RequestGuardFilter(RequestMatcher formEndpoints) {
		this(formEndpoints, false, Set.of());
	}

	private RequestGuardFilter(RequestMatcher formEndpoints, boolean errorPages, Set<String> multiValued) {
		this.formEndpoints = formEndpoints;
		this.errorPages = errorPages;
		this.multiValued = multiValued;
	}

	/**
	 * A guard for chains of pages (the portal, the console): the NUL check, and on a
	 * {@code POST} no parameter may come twice (a form would otherwise get both values
	 * joined with a comma) except the given lists of checkboxes. A refusal goes through
	 * the error dispatch, so that a page gets its own HTML 400 page while a JSON path in
	 * the same chain (the discovery data) still gets JSON.
	 * @param multiValued the parameters that a form legitimately repeats
	 */
	public static RequestGuardFilter forPages(String... multiValued) {
		return new RequestGuardFilter((request) -> false, true, Set.of(multiValued));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String refusal = refusal(request);
		if (refusal != null && this.errorPages) {
			response.sendError(HttpStatus.BAD_REQUEST.value());
			return;
		}
		if (refusal != null) {
			OAuthErrorResponses.write(response, HttpStatus.BAD_REQUEST, "invalid_request", refusal);
			return;
		}
		chain.doFilter(request, response);
	}

	private String refusal(HttpServletRequest request) {
		if (this.formEndpoints.matches(request)) {
			if (request.getQueryString() != null) {
				return "Parameters must be sent in the request body";
			}
			List<String> authorization = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
			if (authorization.size() > 1) {
				return "The request carries more than one Authorization header";
			}
			if (authenticationMethods(request, authorization) > 1) {
				return "The client must use only one authentication method";
			}
		}
		if (hasNulCharacter(request.getParameterMap())) {
			return "A parameter contains a NUL character";
		}
		if (this.errorPages && HttpMethod.POST.matches(request.getMethod()) && hasRepeated(request)) {
			return "A parameter is repeated";
		}
		return null;
	}

	private boolean hasRepeated(HttpServletRequest request) {
		return request.getParameterMap()
			.entrySet()
			.stream()
			.anyMatch((parameter) -> parameter.getValue().length > 1 && !this.multiValued.contains(parameter.getKey()));
	}

	// The Authorization header, a secret in the body, and a client assertion are three
	// methods; one at most.
	private static int authenticationMethods(HttpServletRequest request, List<String> authorization) {
		int methods = authorization.isEmpty() ? 0 : 1;
		if (request.getParameter("client_secret") != null) {
			methods++;
		}
		if (request.getParameter("client_assertion") != null || request.getParameter("client_assertion_type") != null) {
			methods++;
		}
		return methods;
	}

	private static boolean hasNulCharacter(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (parameter.getKey().indexOf('\0') >= 0) {
				return true;
			}
			for (String value : parameter.getValue()) {
				// A form key without '=' has no value at all in some parsers.
				if (value != null && value.indexOf('\0') >= 0) {
					return true;
				}
			}
		}
		return false;
	}

}
