package dev.ciba.server.registration;

import java.time.Clock;

import dev.ciba.server.ciba.RequestObjectJtis;
import dev.ciba.server.client.Sha256PasswordEncoder;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;

/**
 * The initial access tokens that allow a registration (RFC 7591 §3): access tokens this
 * server issued with the {@code client_credentials} grant and the scope {@value #SCOPE},
 * to a client an operator set up for registering others.
 * <p>
 * A token must verify as one of this server's JWTs (signature and expiry) before it is
 * looked up, so that made-up tokens cost no database query; it must then be known,
 * neither revoked nor expired. Each token registers one client: its use is recorded with
 * an insert that only one node can win, and the token is then revoked.
 */
@Component
public class InitialAccessTokens {

	/** The scope an initial access token must carry. */
	public static final String SCOPE = "client.create";

	/**
	 * Prefix of the hashes of used initial access tokens, which share the store of used
	 * request object identifiers: the prefix keeps the kinds apart.
	 */
	private static final String USE_PURPOSE = "initial_access_token\n";

	private final JwtDecoder jwtDecoder;

	private final OAuth2AuthorizationService authorizations;

	private final RequestObjectJtis uses;

	private final Clock clock;

	InitialAccessTokens(JwtDecoder jwtDecoder, OAuth2AuthorizationService authorizations, RequestObjectJtis uses,
			Clock clock) {
		this.jwtDecoder = jwtDecoder;
		this.authorizations = authorizations;
		this.uses = uses;
		this.clock = clock;
	}

	/**
	 * Checks a bearer token as an initial access token.
	 * @param token the token, or {@code null} when none came
	 * @throws ClientRegistrationException 401 {@code invalid_token}, or 403
	 * {@code insufficient_scope} for a genuine token of another kind
	 */
	InitialAccessToken verify(String token) {
		if (token == null) {
			throw ClientRegistrationException.invalidToken("An initial access token is required", true);
		}
		Jwt jwt;
		try {
			jwt = this.jwtDecoder.decode(token);
		}
		catch (JwtException ex) {
			throw invalid();
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = (authorization != null)
				? authorization.getAccessToken() : null;
		if (accessToken == null || !accessToken.isActive() || jwt.getExpiresAt() == null) {
			throw invalid();
		}
		if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
				|| !accessToken.getToken().getScopes().contains(SCOPE)) {
			throw ClientRegistrationException.insufficientScope(SCOPE);
		}
		return new InitialAccessToken(token, jwt.getExpiresAt(), authorization);
	}

	/**
	 * Uses the token up: records its use, then revokes it.
	 * @throws ClientRegistrationException 401 {@code invalid_token} when it was used
	 * already, here or on another node
	 */
	void use(InitialAccessToken token) {
		String hash = new Sha256PasswordEncoder().encode(USE_PURPOSE + token.value());
		if (!this.uses.markUsed(hash, token.expiresAt(), this.clock.instant())) {
			throw ClientRegistrationException.invalidToken("The initial access token was already used", false);
		}
		OAuth2Authorization authorization = token.authorization();
		this.authorizations.save(
				OAuth2Authorization.from(authorization).invalidate(authorization.getAccessToken().getToken()).build());
	}

	private static ClientRegistrationException invalid() {
		return ClientRegistrationException.invalidToken("The initial access token is not valid", false);
	}

}
