package dev.ciba.push.jwt;

import java.time.Instant;

/**
 * Remembers device tokens already used, by a hash, until they would have expired anyway.
 */
public interface JwtReplayStore {

	/**
	 * Records the first use of a token.
	 * @param hash a hash naming the token (never the token itself)
	 * @param keepUntil when the record may be forgotten
	 * @return {@code true} on the first use, {@code false} if it was used before
	 */
	boolean markUsed(String hash, Instant keepUntil);

}
