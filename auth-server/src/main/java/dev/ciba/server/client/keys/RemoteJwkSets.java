package dev.ciba.server.client.keys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * The JWK Sets of clients that registered a {@code jwks_uri}, cached per URL.
 * <p>
 * A fetched set is used for {@link #LIFETIME}, then fetched again, so that a client's key
 * change takes effect within that time. A signature by a key the cached set does not hold
 * (a new key id) fetches again at once, but at most once per {@link #MIN_REFETCH}: a
 * client cannot make the server fetch on every request. A failed fetch is remembered for
 * the same time. The cache holds at most {@link #MAX_ENTRIES} URLs, dropping the least
 * recently used.
 * <p>
 * Each node keeps its own cache; what it holds is public keys only.
 */
public class RemoteJwkSets {

	/** How long a fetched JWK Set is used. */
	public static final Duration LIFETIME = Duration.ofMinutes(5);

	/** The shortest time between two fetches of one URL. */
	public static final Duration MIN_REFETCH = Duration.ofSeconds(30);

	/** The most URLs cached. */
	public static final int MAX_ENTRIES = 1000;

	private final JwkSetFetcher fetcher;

	private final Clock clock;

	private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
			return size() > MAX_ENTRIES;
		}

	};

	public RemoteJwkSets(JwkSetFetcher fetcher, Clock clock) {
		this.fetcher = fetcher;
		this.clock = clock;
	}

	/**
	 * The keys at the URL: the cached set while it is fresh, else a new fetch.
	 * @throws JwkSetFetchException when the keys cannot be fetched, now or on the last
	 * attempt less than {@link #MIN_REFETCH} ago
	 */
	public JWKSet get(String uri) {
		Instant now = this.clock.instant();
		Entry entry = entry(uri);
		if (entry != null && entry.isFresh(now)) {
			return entry.keys();
		}
		return fetch(uri, now);
	}

	/**
	 * The keys at the URL after a signature named a key that the cached set lacks: a new
	 * fetch, unless the last one is less than {@link #MIN_REFETCH} old.
	 * @throws JwkSetFetchException when the keys cannot be fetched
	 */
	public JWKSet refetch(String uri) {
		Instant now = this.clock.instant();
		Entry entry = entry(uri);
		if (entry != null && now.isBefore(entry.fetchedAt().plus(MIN_REFETCH))) {
			return entry.keys();
		}
		return fetch(uri, now);
	}

	/**
	 * How many URLs are cached.
	 */
	public synchronized int size() {
		return this.entries.size();
	}

	// The fetch runs outside the lock: a slow client endpoint holds up only the
	// requests that need its keys.
	private JWKSet fetch(String uri, Instant now) {
		try {
			JWKSet keys = this.fetcher.fetch(uri);
			put(uri, new Entry(keys, now));
			return keys;
		}
		catch (JwkSetFetchException ex) {
			put(uri, new Entry(null, now));
			throw ex;
		}
	}

	private synchronized Entry entry(String uri) {
		return this.entries.get(uri);
	}

	private synchronized void put(String uri, Entry entry) {
		this.entries.put(uri, entry);
	}

	/**
	 * One URL's last fetch: its keys, or {@code null} when it failed.
	 */
	private record Entry(JWKSet fetched, Instant fetchedAt) {

		boolean isFresh(Instant now) {
			Duration lifetime = (this.fetched != null) ? LIFETIME : MIN_REFETCH;
			return now.isBefore(this.fetchedAt.plus(lifetime));
		}

		JWKSet keys() {
			if (this.fetched == null) {
				throw new JwkSetFetchException("The JWK Set could not be fetched on the last attempt");
			}
			return this.fetched;
		}

	}

}
