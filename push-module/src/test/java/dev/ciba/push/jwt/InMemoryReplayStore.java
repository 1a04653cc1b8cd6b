package dev.ciba.push.jwt;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replay store as a map, for unit tests.
 */
final class InMemoryReplayStore implements JwtReplayStore {

	final Map<String, Instant> used = new ConcurrentHashMap<>();

	@Override
	public boolean markUsed(String hash, Instant keepUntil) {
		return this.used.putIfAbsent(hash, keepUntil) == null;
	}

}
