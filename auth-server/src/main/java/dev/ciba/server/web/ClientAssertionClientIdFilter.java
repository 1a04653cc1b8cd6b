package dev.ciba.server.web;

import java.io.IOException;
import java.text.ParseException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Supplies the {@code client_id} of a {@code private_key_jwt} request that sent only the
 * assertion.
 * <p>
 * RFC 7521 §4.2 makes {@code client_id} optional next to a client assertion, and clients
 * such as the Nimbus SDK leave it out, but Spring Authorization Server's converter
 * requires it. The assertion names its client twice, in {@code iss} and {@code sub} (RFC
 * 7523 §3); when both agree, that value is passed on as {@code client_id}. Nothing is
 * trusted by this: the assertion is then verified with that client's registered keys,
 * {@code iss} and {@code sub} included.
 */
public class ClientAssertionClientIdFilter extends OncePerRequestFilter {

	private final RequestMatcher formEndpoints;

	public ClientAssertionClientIdFilter(RequestMatcher formEndpoints) {
		this.formEndpoints = formEndpoints;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String assertion = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION);
		if (!this.formEndpoints.matches(request) || assertion == null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ID) != null) {
			chain.doFilter(request, response);
			return;
		}
		String clientId = namedClient(assertion);
		chain.doFilter((clientId != null) ? new WithClientId(request, clientId) : request, response);
	}

	private static String namedClient(String assertion) {
		try {
			JWTClaimsSet claims = SignedJWT.parse(assertion).getJWTClaimsSet();
			String issuer = claims.getIssuer();
			return (issuer != null && !issuer.isEmpty() && issuer.equals(claims.getSubject())) ? issuer : null;
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private static final class WithClientId extends HttpServletRequestWrapper {

		private final Map<String, String[]> parameters;

		WithClientId(HttpServletRequest request, String clientId) {
			super(request);
			Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
			parameters.put(OAuth2ParameterNames.CLIENT_ID, new String[] { clientId });
			this.parameters = Collections.unmodifiableMap(parameters);
		}

		@Override
		public String getParameter(String name) {
			String[] values = this.parameters.get(name);
			return (values != null && values.length > 0) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return this.parameters;
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return Collections.enumeration(this.parameters.keySet());
		}

		@Override
		public String[] getParameterValues(String name) {
			return this.parameters.get(name);
		}

	}

}
