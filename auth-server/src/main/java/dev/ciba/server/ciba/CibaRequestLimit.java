package dev.ciba.server.ciba;

import java.time.Duration;

import dev.ciba.push.limits.RateLimit;
import dev.ciba.push.limits.RateLimitDecision;
import dev.ciba.push.limits.RateLimiter;
import dev.ciba.server.config.CibaProperties;
import dev.ciba.server.customer.Customer;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * How many backchannel authentication requests may name one customer per window
 * ({@code ciba.limits.requests}), across all clients and all nodes: a client, or several,
 * cannot flood a customer's phone with pushes; and how many one client may make per
 * window ({@code ciba.limits.client-requests}), across all customers: a client cannot
 * flood the server by naming many customers. Counted in the database by the
 * {@link RateLimiter}; a request over either limit is refused before anything is stored
 * or sent.
 */
@Component
public class CibaRequestLimit {

	/** The bucket the counts per customer are stored under. */
	public static final String BUCKET = "ciba-request";

	/** The bucket the counts per client are stored under. */
	public static final String CLIENT_BUCKET = "ciba-client-request";

	private final RateLimiter limiter;

	private final RateLimit limit;

	private final RateLimit clientLimit;

	CibaRequestLimit(RateLimiter limiter, CibaProperties properties) {
		this.limiter = limiter;
		this.limit = properties.getLimits().getRequests().rateLimit(BUCKET, "ciba.limits.requests");
		this.clientLimit = properties.getLimits()
			.getClientRequests()
			.rateLimit(CLIENT_BUCKET, "ciba.limits.client-requests");
	}

	/**
	 * Counts one request of the client for the customer; the client's count first, so
	 * that a client over its own limit uses up nothing of the customer's.
	 * @throws Refused when the client's or the customer's requests of the current window
	 * are used up
	 */
	void count(RegisteredClient client, Customer customer) {
		RateLimitDecision clientDecision = this.limiter.acquire(this.clientLimit, client.getId());
		if (!clientDecision.allowed()) {
			throw new Refused("Too many authentication requests from this client; try again later",
					clientDecision.retryAfter());
		}
		RateLimitDecision decision = this.limiter.acquire(this.limit, customer.id());
		if (!decision.allowed()) {
			throw new Refused("Too many authentication requests for this end-user; try again later",
					decision.retryAfter());
		}
	}

	/**
	 * A request over the limit.
	 * <p>
	 * CIBA Core §13 has no error for a rate limit. The code is its {@code access_denied},
	 * the OP will not pass the request on, which every CIBA client handles; the status is
	 * 429 with {@code Retry-After} instead of the 403 of §13, because the refusal is
	 * temporary and its end is known: 429 is what HTTP clients, gateways and retry
	 * policies read as "back off, then try again", while a 403 tells a client that this
	 * customer cannot be asked at all. A client that looks only at the code still stops.
	 */
	public static final class Refused extends OAuth2AuthenticationException {

		/** The audit reason of a request over a rate limit. */
		static final String RATE_LIMITED = "rate_limited";

		private final Duration retryAfter;

		private final String reason;

		Refused(String description, Duration retryAfter) {
			this(description, retryAfter, RATE_LIMITED);
		}

		/**
		 * @param reason the reason code the refusal is audited with
		 */
		Refused(String description, Duration retryAfter, String reason) {
			super(new OAuth2Error(CibaErrors.ACCESS_DENIED, description, CibaErrors.AUTHENTICATION_ERROR_URI));
			this.retryAfter = retryAfter;
			this.reason = reason;
		}

		/**
		 * The seconds until the refusal may end, for {@code Retry-After}.
		 */
		public Duration retryAfter() {
			return this.retryAfter;
		}

		/**
		 * The reason code the refusal is audited with.
		 */
		public String reason() {
			return this.reason;
		}

	}

}
