package dev.ciba.server.ciba;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ciba.server.ciba.CibaTokenIssuer.IssuedTokens;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.customer.CustomerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The CIBA grant at the token endpoint (CIBA Core 1.0 §10 and §11).
 * <p>
 * Checks in the order the design settles: the owning client, then redeemed, then expiry,
 * then the state. Tokens are issued in the same transaction that marks the request
 * redeemed, so a redemption that does not commit leaves the request redeemable, and one
 * that commits can never be repeated.
 */
public class CibaGrantAuthenticationProvider implements AuthenticationProvider {

	/**
	 * Seconds added to the interval after each {@code slow_down} (CIBA Core §11 refers to
	 * RFC 8628 §3.5).
	 */
	static final int SLOW_DOWN_SECONDS = 5;

	/**
	 * The interval stops growing here, so that a client that keeps polling too fast is
	 * not locked out for good.
	 */
	static final int MAX_INTERVAL_SECONDS = 60;

	private static final Logger logger = LoggerFactory.getLogger(CibaGrantAuthenticationProvider.class);

	private final CibaRequestRepository requests;

	private final CustomerRepository customers;

	private final CibaTokenIssuer tokens;

	private final CibaAudit audit;

	private final Clock clock;

	public CibaGrantAuthenticationProvider(CibaRequestRepository requests, CustomerRepository customers,
			CibaTokenIssuer tokens, CibaAudit audit, Clock clock) {
		this.requests = requests;
		this.customers = customers;
		this.tokens = tokens;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return CibaGrantAuthenticationToken.class.isAssignableFrom(authentication);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		CibaGrantAuthenticationToken grant = (CibaGrantAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken clientPrincipal = authenticatedClient(grant);
		RegisteredClient client = clientPrincipal.getRegisteredClient();
		if (!client.getAuthorizationGrantTypes().contains(CibaGrant.TYPE)) {
			throw refuse(client, OAuth2ErrorCodes.UNAUTHORIZED_CLIENT, "The client is not allowed the CIBA grant");
		}
		// CIBA Core §10.3: a push client is delivered its tokens and never redeems at the
		// token endpoint.
		if (CibaClientSettings.PUSH.equals(CibaClientSettings.deliveryMode(client))) {
			throw refuse(client, OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
					"The client's token delivery mode is push; its tokens are delivered to it");
		}
		CibaRequest request = loadOwnedRequest(client, grant.getAuthReqId());
		Instant now = this.clock.instant();
		checkState(client, request, now);
		checkCustomerEnabled(client, request);
		return redeem(grant, clientPrincipal, client, request, now);
	}

	private static OAuth2ClientAuthenticationToken authenticatedClient(Authentication grant) {
		if (grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()) {
			return client;
		}
		throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
	}

	// CIBA Core §11: an auth_req_id issued to another client is invalid_grant, checked
	// before anything else.
	private CibaRequest loadOwnedRequest(RegisteredClient client, AuthReqId authReqId) {
		return this.requests.findByAuthReqId(authReqId)
			.filter((request) -> request.registeredClientId().equals(client.getId()))
			.orElseThrow(() -> refuse(client, OAuth2ErrorCodes.INVALID_GRANT, "The auth_req_id is invalid"));
	}

	private void checkState(RegisteredClient client, CibaRequest request, Instant now) {
		if (request.status() == CibaRequest.Status.REDEEMED) {
			throw refuse(client, OAuth2ErrorCodes.INVALID_GRANT, "The auth_req_id was already used");
		}
		if (!now.isBefore(request.expiresAt()) || request.status() == CibaRequest.Status.EXPIRED) {
			throw refuse(client, CibaErrors.EXPIRED_TOKEN, "The auth_req_id has expired");
		}
		if (request.status() == CibaRequest.Status.DENIED) {
			throw refuse(client, CibaErrors.ACCESS_DENIED, "The end-user denied the request");
		}
		if (request.status() == CibaRequest.Status.PENDING) {
			throw pending(client, request, now);
		}
	}

	// CIBA Core §11: slow_down when the client polls faster than the interval; the first
	// poll is never early.
	private OAuth2AuthenticationException pending(RegisteredClient client, CibaRequest request, Instant now) {
		if (this.requests.recordPoll(request.id(), now, request.intervalSeconds())) {
			return CibaErrors.token(CibaErrors.AUTHORIZATION_PENDING, "The end-user has not answered yet");
		}
		this.requests.slowDown(request.id(), now,
				Math.min(request.intervalSeconds() + SLOW_DOWN_SECONDS, MAX_INTERVAL_SECONDS));
		return refuse(client, CibaErrors.SLOW_DOWN, "The client polls faster than the interval allows");
	}

	// A customer disabled after approving gets no tokens: disabling an account ends what
	// it had allowed.
	private void checkCustomerEnabled(RegisteredClient client, CibaRequest request) {
		if (this.customers.findById(request.customerId()).filter(Customer::enabled).isEmpty()) {
			throw refuse(client, CibaErrors.ACCESS_DENIED, "The end-user's account is disabled");
		}
	}

	private Authentication redeem(CibaGrantAuthenticationToken grant, OAuth2ClientAuthenticationToken clientPrincipal,
			RegisteredClient client, CibaRequest request, Instant now) {
		IssuedTokens tokens = this.tokens.redeem(client, request, grant, now)
			.orElseThrow(() -> refuse(client, OAuth2ErrorCodes.INVALID_GRANT, "The auth_req_id was already used"));
		this.audit.record(CibaAudit.Event.REDEEMED, request.id(), client.getClientId(), "-");
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put(OidcParameterNames.ID_TOKEN, tokens.idToken().getTokenValue());
		// RFC 9396 §7: the token response names the authorization details granted.
		if (tokens.authorizationDetails() != null) {
			parameters.put(CibaGrant.AUTHORIZATION_DETAILS, tokens.authorizationDetailsValues());
		}
		return new OAuth2AccessTokenAuthenticationToken(client, clientPrincipal, tokens.accessToken(),
				tokens.refreshToken(), parameters);
	}

	private OAuth2AuthenticationException refuse(RegisteredClient client, String code, String description) {
		logger.debug("Refused a CIBA token request of client {}: {}", client.getClientId(), code);
		return CibaErrors.token(code, description);
	}

}
