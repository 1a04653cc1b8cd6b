package dev.ciba.server.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.ciba.push.limits.RateLimit;
import dev.ciba.push.limits.RateLimiter;
import dev.ciba.server.config.CibaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Failed logins per account ({@code ciba.limits.logins}) of the portal's customers and
 * the console's operators: once an account's failures of the current window reach the
 * limit, every login to it is refused, the right password included, until the window
 * ends. The refusal is the login page's usual "wrong username or password", so it tells a
 * guesser nothing more. Counted in the database by the {@link RateLimiter}, so the limit
 * holds across nodes; the key is the lower-cased username, stored only as its SHA-256
 * hash, and an unknown username counts exactly like a known one (the answer must not tell
 * whether an account exists).
 * <p>
 * Known shortcoming: the limit is per account, so whoever knows a username can lock its
 * owner out for a window by failing on purpose; there is no limit per client address,
 * which would hold back one guesser trying many accounts.
 */
@Component
public class LoginAttempts {

	private static final Logger logger = LoggerFactory.getLogger(LoginAttempts.class);

	private static final String USERNAME = "username";

	private final RateLimiter limiter;

	private final RateLimit portal;

	private final RateLimit console;

	LoginAttempts(RateLimiter limiter, CibaProperties properties) {
		this.limiter = limiter;
		this.portal = properties.getLimits().getLogins().rateLimit("portal-login", "ciba.limits.logins");
		this.console = properties.getLimits().getLogins().rateLimit("console-login", "ciba.limits.logins");
	}

	/**
	 * The filter that refuses a login to an account whose failures are used up, before
	 * the password is checked. Goes before the login filter of the chain.
	 * @param realm {@code "portal"} or {@code "console"}
	 */
	public OncePerRequestFilter guard(String realm, String loginUrl, String failureUrl) {
		RateLimit limit = limit(realm);
		return new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				if (HttpMethod.POST.matches(request.getMethod()) && loginUrl.equals(request.getServletPath())
						&& !LoginAttempts.this.limiter.check(limit, key(request)).allowed()) {
					LoginAttempts.logger
						.warn("A {} login was refused: its account has no failed attempts left in this window", realm);
					response.sendRedirect(request.getContextPath() + failureUrl);
					return;
				}
				chain.doFilter(request, response);
			}
		};
	}

	/**
	 * The failure handler of the chain's login: counts the failure, then shows the login
	 * page's error.
	 * @param realm {@code "portal"} or {@code "console"}
	 */
	public AuthenticationFailureHandler failureHandler(String realm, String failureUrl) {
		RateLimit limit = limit(realm);
		SimpleUrlAuthenticationFailureHandler redirect = new SimpleUrlAuthenticationFailureHandler(failureUrl);
		return (request, response, exception) -> {
			count(realm, limit, request, exception);
			redirect.onAuthenticationFailure(request, response, exception);
		};
	}

	private void count(String realm, RateLimit limit, HttpServletRequest request, AuthenticationException exception) {
		boolean counted = this.limiter.acquire(limit, key(request)).allowed();
		boolean usedUp = !this.limiter.check(limit, key(request)).allowed();
		// Neither the username nor the password: the reason is the exception's type only.
		logger.info("A {} login failed ({}); {}", realm, exception.getClass().getSimpleName(),
				(counted && !usedUp) ? "that account has failed attempts left in this window"
						: "that account has no failed attempts left in this window");
	}

	private RateLimit limit(String realm) {
		return switch (realm) {
			case "portal" -> this.portal;
			case "console" -> this.console;
			default -> throw new IllegalArgumentException("Unknown login realm " + realm);
		};
	}

	private static String key(HttpServletRequest request) {
		String username = request.getParameter(USERNAME);
		return (username != null) ? username.strip().toLowerCase(Locale.ROOT) : "";
	}

}
