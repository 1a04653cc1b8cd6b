package dev.ciba.conformance.crash;

import dev.ciba.server.ciba.CibaGrant;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization service, except that storing the authorization of a CIBA grant first
 * {@link MarkerPause waits} while the {@code pause-redemption} marker exists. The server
 * stores that authorization inside the redemption's transaction, after the update that
 * marks the request redeemed: a server killed during the wait dies with that transaction
 * uncommitted.
 */
final class PausingAuthorizationService implements OAuth2AuthorizationService {

	private final OAuth2AuthorizationService delegate;

	private final MarkerPause pause;

	PausingAuthorizationService(OAuth2AuthorizationService delegate, MarkerPause pause) {
		this.delegate = delegate;
		this.pause = pause;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		if (CibaGrant.TYPE.equals(authorization.getAuthorizationGrantType())) {
			this.pause.awaitIfPaused();
		}
		this.delegate.save(authorization);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
	}

	@Override
	public @Nullable OAuth2Authorization findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
		return this.delegate.findByToken(token, tokenType);
	}

}
