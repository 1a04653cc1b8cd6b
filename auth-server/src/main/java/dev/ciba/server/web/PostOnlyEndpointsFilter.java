package dev.ciba.server.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 405 with an OAuth JSON body for any method but POST on the endpoints that only
 * take POST, before client authentication runs, so that a wrong method is reported as
 * such rather than as a missing credential.
 */
public class PostOnlyEndpointsFilter extends OncePerRequestFilter {

	private final RequestMatcher endpoints;

	public PostOnlyEndpointsFilter(List<String> paths) {
		this.endpoints = new OrRequestMatcher(paths.stream()
			.<RequestMatcher>map((path) -> PathPatternRequestMatcher.withDefaults().matcher(path))
			.toList());
	}

	/**
	 * The paths this filter guards, for the security chain's matcher.
	 */
	public RequestMatcher endpoints() {
		return this.endpoints;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.endpoints.matches(request) && !HttpMethod.POST.matches(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
			OAuthErrorResponses.write(response, HttpStatus.METHOD_NOT_ALLOWED, "invalid_request",
					"This endpoint accepts only POST");
			return;
		}
		chain.doFilter(request, response);
	}

}
