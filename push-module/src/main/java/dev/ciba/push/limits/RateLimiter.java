package dev.ciba.push.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import dev.ciba.push.OwnTransaction;
import dev.ciba.push.SqlTime;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Counts attempts against {@link RateLimit}s in the {@code rate_limit} table, so that a
 * limit holds across all nodes on one database: one row per bucket, key hash and window.
 * <p>
 * An attempt is admitted by one conditional update ({@code hits = hits + 1 WHERE hits <
 * limit}) whose row count is the answer; concurrent attempts queue on the row lock and
 * see each other's counts, so exactly the limit is admitted. The first attempt of a
 * window inserts the row; when another node inserted it first, the duplicate key sends
 * this one back to the update. The same SQL runs on H2 and PostgreSQL.
 * <p>
 * Each statement runs in a transaction of its own: an attempt counts even when the
 * caller's work is refused or rolls back afterwards, and a duplicate key (which aborts a
 * PostgreSQL transaction) never spoils the caller's transaction.
 */
@Component
public class RateLimiter {

	private final JdbcClient jdbc;

	private final OwnTransaction ownTransaction;

	private final Clock clock;

	public RateLimiter(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new OwnTransaction(transactionManager);
		this.clock = clock;
	}

	/**
	 * Counts one attempt for a key, if the key's window has room for it.
	 * @param key what is limited (a customer id, a device id, ...); stored as a hash only
	 * @return admitted, or limited with the time until the window ends (a refused attempt
	 * is not counted)
	 */
	public RateLimitDecision acquire(RateLimit limit, String key) {
		Instant now = this.clock.instant();
		Row row = new Row(limit, keyHash(key), limit.windowStart(now));
		if (increment(row) || insertFirst(row) || increment(row)) {
			return RateLimitDecision.admitted();
		}
		return RateLimitDecision.limited(limit.retryAfter(now));
	}

	/**
	 * Whether the key's window is used up, without counting an attempt.
	 */
	public RateLimitDecision check(RateLimit limit, String key) {
		Instant now = this.clock.instant();
		Row row = new Row(limit, keyHash(key), limit.windowStart(now));
		Integer hits = this.jdbc
			.sql("SELECT hits FROM rate_limit WHERE bucket = ? AND key_hash = ? AND window_start = ?")
			.params(row.limit.bucket(), row.keyHash, SqlTime.bind(row.windowStart))
			.query(Integer.class)
			.optional()
			.orElse(0);
		return (hits < limit.maxHits()) ? RateLimitDecision.admitted()
				: RateLimitDecision.limited(limit.retryAfter(now));
	}

	private boolean increment(Row row) {
		int rows = this.ownTransaction.run(() -> this.jdbc
			.sql("UPDATE rate_limit SET hits = hits + 1 "
					+ "WHERE bucket = ? AND key_hash = ? AND window_start = ? AND hits < ?")
			.params(row.limit.bucket(), row.keyHash, SqlTime.bind(row.windowStart), row.limit.maxHits())
			.update());
		return rows == 1;
	}

	private boolean insertFirst(Row row) {
		try {
			this.ownTransaction.run(() -> this.jdbc
				.sql("INSERT INTO rate_limit (bucket, key_hash, window_start, window_end, hits) VALUES (?, ?, ?, ?, 1)")
				.params(row.limit.bucket(), row.keyHash, SqlTime.bind(row.windowStart),
						SqlTime.bind(row.windowStart.plus(row.limit.window())))
				.update());
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * The stored form of a key: SHA-256, base64url without padding.
	 */
	static String keyHash(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

	private record Row(RateLimit limit, String keyHash, Instant windowStart) {
	}

}
