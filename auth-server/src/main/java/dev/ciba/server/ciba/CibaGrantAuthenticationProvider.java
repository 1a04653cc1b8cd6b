package dev.ciba.server.ciba;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

	private static final Logger logger = LoggerFactory.getLogger(CibaGrantAuthenticationProvider.class);

	private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

	private final CibaRequestRepository requests;

	private final OAuth2AuthorizationService authorizations;

	private final OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator;

	private final TransactionTemplate transaction;

	private final CibaAudit audit;

	private final Clock clock;

	public CibaGrantAuthenticationProvider(CibaRequestRepository requests, OAuth2AuthorizationService authorizations,
			OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator, PlatformTransactionManager transactionManager,
			CibaAudit audit, Clock clock) {
		this.requests = requests;
		this.authorizations = authorizations;
		this.tokenGenerator = tokenGenerator;
		this.transaction = new TransactionTemplate(transactionManager);
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
		CibaRequest request = loadOwnedRequest(client, grant.getAuthReqId());
		Instant now = this.clock.instant();
		checkState(client, request, now);
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
		this.requests.slowDown(request.id(), now, request.intervalSeconds() + SLOW_DOWN_SECONDS);
		return refuse(client, CibaErrors.SLOW_DOWN, "The client polls faster than the interval allows");
	}

	private Authentication redeem(CibaGrantAuthenticationToken grant, OAuth2ClientAuthenticationToken clientPrincipal,
			RegisteredClient client, CibaRequest request, Instant now) {
		Authentication result = this.transaction.execute((status) -> {
			if (!this.requests.redeem(request.id(), now)) {
				throw refuse(client, OAuth2ErrorCodes.INVALID_GRANT, "The auth_req_id was already used");
			}
			return issueTokens(grant, clientPrincipal, client, request);
		});
		this.audit.record(CibaAudit.Event.REDEEMED, request.id(), client.getClientId(), "-");
		return result;
	}

	private Authentication issueTokens(CibaGrantAuthenticationToken grant,
			OAuth2ClientAuthenticationToken clientPrincipal, RegisteredClient client, CibaRequest request) {
		Set<String> scopes = new LinkedHashSet<>(Arrays.asList(request.scope().split(" ")));
		Authentication customer = UsernamePasswordAuthenticationToken.authenticated(request.customerId(), null,
				List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER")));
		DefaultOAuth2TokenContext.Builder context = DefaultOAuth2TokenContext.builder()
			.registeredClient(client)
			.principal(customer)
			.authorizationServerContext(AuthorizationServerContextHolder.getContext())
			.authorizedScopes(scopes)
			.authorizationGrantType(CibaGrant.TYPE)
			.authorizationGrant(grant);
		OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
			.principalName(request.customerId())
			.authorizationGrantType(CibaGrant.TYPE)
			.authorizedScopes(scopes)
			.attribute(Principal.class.getName(), customer)
			.attribute(CibaGrant.AUTH_TIME_ATTRIBUTE, request.decidedAt());
		context.authorization(authorization.build());

		OAuth2AccessToken accessToken = accessToken(context, authorization, scopes);
		OAuth2RefreshToken refreshToken = refreshToken(context, authorization, client);
		OidcIdToken idToken = idToken(context, authorization);
		this.authorizations.save(authorization.build());
		return new OAuth2AccessTokenAuthenticationToken(client, clientPrincipal, accessToken, refreshToken,
				Map.of(OidcParameterNames.ID_TOKEN, idToken.getTokenValue()));
	}

	private OAuth2AccessToken accessToken(DefaultOAuth2TokenContext.Builder context,
			OAuth2Authorization.Builder authorization, Set<String> scopes) {
		OAuth2Token generated = generate(context.tokenType(OAuth2TokenType.ACCESS_TOKEN).build(), "access token");
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				generated.getTokenValue(), generated.getIssuedAt(), generated.getExpiresAt(), scopes);
		if (generated instanceof ClaimAccessor claims) {
			authorization.token(accessToken,
					(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, claims.getClaims()));
		}
		else {
			authorization.accessToken(accessToken);
		}
		return accessToken;
	}

	private OAuth2RefreshToken refreshToken(DefaultOAuth2TokenContext.Builder context,
			OAuth2Authorization.Builder authorization, RegisteredClient client) {
		if (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
			return null;
		}
		OAuth2Token generated = generate(context.tokenType(OAuth2TokenType.REFRESH_TOKEN).build(), "refresh token");
		if (!(generated instanceof OAuth2RefreshToken refreshToken)) {
			throw new IllegalStateException("The token generator returned an unexpected refresh token type");
		}
		authorization.refreshToken(refreshToken);
		return refreshToken;
	}

	private OidcIdToken idToken(DefaultOAuth2TokenContext.Builder context, OAuth2Authorization.Builder authorization) {
		context.authorization(authorization.build());
		OAuth2Token generated = generate(context.tokenType(ID_TOKEN).build(), "ID token");
		if (!(generated instanceof Jwt jwt)) {
			throw new IllegalStateException("The token generator did not produce a JWT ID token");
		}
		OidcIdToken idToken = new OidcIdToken(jwt.getTokenValue(), jwt.getIssuedAt(), jwt.getExpiresAt(),
				jwt.getClaims());
		authorization.token(idToken,
				(metadata) -> metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, idToken.getClaims()));
		return idToken;
	}

	private OAuth2Token generate(
			org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext context, String what) {
		OAuth2Token token = this.tokenGenerator.generate(context);
		if (token == null) {
			throw new IllegalStateException("The token generator produced no " + what);
		}
		return token;
	}

	private OAuth2AuthenticationException refuse(RegisteredClient client, String code, String description) {
		logger.debug("Refused a CIBA token request of client {}: {}", client.getClientId(), code);
		return CibaErrors.token(code, description);
	}

}
