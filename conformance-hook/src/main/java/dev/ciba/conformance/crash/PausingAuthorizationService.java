package dev.ciba.conformance.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import dev.ciba.server.ciba.CibaGrant;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * The authorization service, except that storing the authorization of a CIBA grant waits
 * while the file {@value #PAUSE_FILE} exists in the directory, after creating
 * {@value #PAUSED_FILE} there to say so. The server stores that authorization inside the
 * redemption's transaction, after the update that marks the request redeemed: a server
 * killed during the wait dies with that transaction uncommitted.
 */
final class PausingAuthorizationService implements OAuth2AuthorizationService {

	/** While this file exists, CIBA redemptions wait. */
	static final String PAUSE_FILE = "pause-redemption";

	/** Created when a redemption starts to wait. */
	static final String PAUSED_FILE = "redemption-paused";

	/**
	 * The longest a redemption waits, so that a forgotten marker cannot hold a server for
	 * good.
	 */
	private static final Duration LIMIT = Duration.ofSeconds(60);

	private static final Duration CHECK_PAUSE = Duration.ofMillis(50);

	private final OAuth2AuthorizationService delegate;

	private final Path directory;

	PausingAuthorizationService(OAuth2AuthorizationService delegate, Path directory) {
		this.delegate = delegate;
		this.directory = directory;
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		if (CibaGrant.TYPE.equals(authorization.getAuthorizationGrantType())
				&& Files.exists(this.directory.resolve(PAUSE_FILE))) {
			pause();
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

	private void pause() {
		try {
			Files.writeString(this.directory.resolve(PAUSED_FILE), Instant.now().toString());
			Instant deadline = Instant.now().plus(LIMIT);
			while (Files.exists(this.directory.resolve(PAUSE_FILE)) && Instant.now().isBefore(deadline)) {
				Thread.sleep(CHECK_PAUSE.toMillis());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
