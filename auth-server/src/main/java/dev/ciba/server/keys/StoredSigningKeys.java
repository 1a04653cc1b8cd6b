package dev.ciba.server.keys;

import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The token signing key, kept in the {@code signing_key} table so that every node signs
 * with the same key and tokens stay valid across restarts.
 * <p>
 * The first node to start creates the key. When two nodes create one at the same moment,
 * the oldest wins and the other is retired at once, so exactly one active key is ever
 * used.
 */
@Component
public class StoredSigningKeys implements JWKSource<SecurityContext> {

	private static final Logger logger = LoggerFactory.getLogger(StoredSigningKeys.class);

	private static final int RSA_KEY_BITS = 2048;

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile JWKSet keys;

	StoredSigningKeys(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(keys());
	}

	private JWKSet keys() {
		JWKSet loaded = this.keys;
		if (loaded == null) {
			synchronized (this) {
				loaded = this.keys;
				if (loaded == null) {
					loaded = new JWKSet(loadOrCreate());
					this.keys = loaded;
				}
			}
		}
		return loaded;
	}

	private JWK loadOrCreate() {
		List<String> stored = activeKeys();
		if (stored.isEmpty()) {
			insert(generate());
			stored = activeKeys();
		}
		JWK winner = parse(stored.get(0));
		int retired = this.jdbc.sql("UPDATE signing_key SET status = 'RETIRED' WHERE status = 'ACTIVE' AND kid <> ?")
			.param(winner.getKeyID())
			.update();
		if (retired > 0) {
			logger.info("Retired {} signing key(s) created concurrently by another node", retired);
		}
		return winner;
	}

	private List<String> activeKeys() {
		return this.jdbc.sql("SELECT jwk FROM signing_key WHERE status = 'ACTIVE' ORDER BY created_at, kid")
			.query(String.class)
			.list();
	}

	private void insert(RSAKey key) {
		this.jdbc.sql("INSERT INTO signing_key (kid, algorithm, jwk, status, created_at) VALUES (?, ?, ?, 'ACTIVE', ?)")
			.params(key.getKeyID(), JWSAlgorithm.RS256.getName(), key.toJSONString(),
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		logger.info("Created a new token signing key");
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(RSA_KEY_BITS).keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a signing key", ex);
		}
	}

	private static JWK parse(String json) {
		try {
			return JWK.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("A stored signing key is not a valid JWK", ex);
		}
	}

}
