package dev.ciba.server.ciba;

import java.time.Instant;

/**
 * The identifiers of request objects already used, shared by every node.
 */
@FunctionalInterface
public interface RequestObjectJtis {

	/**
	 * Marks a request object identifier as used, unless it already is.
	 * @param hash a hash of the client and the {@code jti}
	 * @param keepUntil until when the mark must hold: past it the request object has
	 * expired anyway
	 * @param now the current time; an older mark whose time has passed is taken over
	 * @return {@code true} if this call marked it, {@code false} for a replay
	 */
	boolean markUsed(String hash, Instant keepUntil, Instant now);

}
