package dev.ciba.server.ciba;

import java.security.Principal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.ciba.server.activity.CustomerActivityRepository;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClaimAccessor;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContext;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DefaultOAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issues the tokens of an approved CIBA request, exactly once: the conditional update
 * that marks the request redeemed and the storing of the authorization happen in one
 * transaction (the caller's, if it has one). The token endpoint uses it for poll and ping
 * clients, push delivery for push clients.
 * <p>
 * The token generator is the one the authorization server's configuration builds (the JWT
 * generator with {@link CibaTokenCustomizer}, and the refresh token generator). It exists
 * only inside that configuration, which hands it over when it builds the security chain,
 * before the server takes any request.
 */
@Component
public class CibaTokenIssuer {

	private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

	private final CibaRequestRepository requests;

	private final OAuth2AuthorizationService authorizations;

	private final AuthorizationServerContext fixedContext;

	private final TransactionTemplate transaction;

	private volatile OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator;

	private final CustomerActivityRepository activity;

	CibaTokenIssuer(CibaRequestRepository requests, OAuth2AuthorizationService authorizations,
			AuthorizationServerSettings settings, PlatformTransactionManager transactionManager,
			CustomerActivityRepository activity) {
		this.requests = requests;
		this.activity = activity;
		this.authorizations = authorizations;
		this.fixedContext = new FixedContext(settings);
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * Sets the token generator of the authorization server.
	 */
	public void useTokenGenerator(OAuth2TokenGenerator<? extends OAuth2Token> tokenGenerator) {
		this.tokenGenerator = tokenGenerator;
	}

	/**
	 * Marks the request redeemed and issues its tokens, in one transaction.
	 * @param client the client that owns the request
	 * @param request the approved request
	 * @param grant the grant, carrying the {@code auth_req_id} and the client principal
	 * @param now the time of redemption
	 * @return the tokens, or empty when the request was not approved and unexpired at
	 * {@code now} (it was redeemed already, or it expired)
	 */
	public Optional<IssuedTokens> redeem(RegisteredClient client, CibaRequest request,
			CibaGrantAuthenticationToken grant, Instant now) {
		// Known gap: until this transaction ends, the update below locks the request's
		// row, and another node's redemption of it waits. A node that crashes so that its
		// connection closes (a killed process) has its transaction rolled back at once;
		// one that vanishes without closing it (power loss, a network partition) holds
		// the lock until PostgreSQL notices, by TCP keepalive (about two hours with
		// Linux defaults) unless idle_in_transaction_session_timeout is set on the
		// database, as the README advises. The server sets no lock or statement timeout
		// of its own.
		return this.transaction.execute((status) -> {
			if (!this.requests.redeem(request.id(), now)) {
				return Optional.empty();
			}
			this.activity.redeemed(request.id(), now);
			return Optional.of(issue(client, request, grant));
		});
	}

	private IssuedTokens issue(RegisteredClient client, CibaRequest request, CibaGrantAuthenticationToken grant) {
		Set<String> scopes = new LinkedHashSet<>(Arrays.asList(request.scope().split(" ")));
		Authentication customer = UsernamePasswordAuthenticationToken.authenticated(request.customerId(), null,
				List.of(new SimpleGrantedAuthority("ROLE_CUSTOMER")));
		DefaultOAuth2TokenContext.Builder context = DefaultOAuth2TokenContext.builder()
			.registeredClient(client)
			.principal(customer)
			.authorizationServerContext(serverContext())
			.authorizedScopes(scopes)
			.authorizationGrantType(CibaGrant.TYPE)
			.authorizationGrant(grant);
		OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
			.principalName(request.customerId())
			.authorizationGrantType(CibaGrant.TYPE)
			.authorizedScopes(scopes)
			.attribute(Principal.class.getName(), customer)
			.attribute(CibaGrant.AUTH_TIME_ATTRIBUTE, request.decidedAt());
		if (request.authorizationDetails() != null) {
			authorization.attribute(CibaGrant.AUTHORIZATION_DETAILS_ATTRIBUTE, request.authorizationDetails());
		}
		context.authorization(authorization.build());

		OAuth2AccessToken accessToken = accessToken(context, authorization, scopes);
		OAuth2RefreshToken refreshToken = refreshToken(context, authorization, client);
		// The ID token comes last: its hash claims need the access and refresh tokens.
		OidcIdToken idToken = idToken(context, authorization);
		this.authorizations.save(authorization.build());
		return new IssuedTokens(accessToken, refreshToken, idToken, request.authorizationDetails());
	}

	// The request's own context when there is a request; the configured issuer otherwise
	// (push delivery runs outside any request).
	private AuthorizationServerContext serverContext() {
		AuthorizationServerContext current = AuthorizationServerContextHolder.getContext();
		return (current != null) ? current : this.fixedContext;
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

	private OAuth2Token generate(OAuth2TokenContext context, String what) {
		OAuth2TokenGenerator<? extends OAuth2Token> generator = this.tokenGenerator;
		if (generator == null) {
			throw new IllegalStateException("The authorization server has not handed over its token generator");
		}
		OAuth2Token token = generator.generate(context);
		if (token == null) {
			throw new IllegalStateException("The token generator produced no " + what);
		}
		return token;
	}

	/**
	 * The tokens of one redemption.
	 *
	 * @param accessToken the access token
	 * @param refreshToken the refresh token, or {@code null} when the client has no
	 * refresh grant
	 * @param idToken the ID token
	 * @param authorizationDetails the granted {@code authorization_details} (RFC 9396 §7)
	 * as compact JSON, or {@code null} when the request had none
	 */
	public record IssuedTokens(OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken, OidcIdToken idToken,
			String authorizationDetails) {

		/**
		 * Tokens of a request without authorization details.
		 */
		public IssuedTokens(OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken, OidcIdToken idToken) {
			this(accessToken, refreshToken, idToken, null);
		}

		/**
		 * The granted authorization details as plain Java values for a JSON body, or
		 * {@code null}.
		 */
		public List<Object> authorizationDetailsValues() {
			return (this.authorizationDetails != null)
					? AuthorizationDetailsJson.values(Objects.requireNonNull(this.authorizationDetails)) : null;
		}

		@Override
		public String toString() {
			return "IssuedTokens[hidden]";
		}

	}

	private record FixedContext(AuthorizationServerSettings settings) implements AuthorizationServerContext {

		@Override
		public String getIssuer() {
			return this.settings.getIssuer();
		}

		@Override
		public AuthorizationServerSettings getAuthorizationServerSettings() {
			return this.settings;
		}

	}

}
