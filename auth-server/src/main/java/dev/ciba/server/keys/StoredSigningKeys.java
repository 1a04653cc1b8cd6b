package dev.ciba.server.keys;

import java.text.ParseException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
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

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token signing key, kept in the {@code signing_key} table so that every node signs
 * with the same key and tokens stay valid across restarts.
 * <p>
 * The first node to need the key creates it. The database holds at most one active key,
 * so when two nodes create one at the same moment, the first insert wins and both nodes
 * use its key.
 * <p>
 * The key is loaded (or created) once at start-up, before the server takes requests.
 * Creating it lazily inside the first token request deadlocked the connection pool under
 * load: every concurrent token request held a connection in its transaction while it
 * waited for this object's lock, and the lock holder waited for a second connection for
 * the insert's own transaction, until the pool's 30 s timeout failed them all. If the
 * active key row is deleted while the server runs, the key loaded here stays in use; only
 * a node started without a stored key creates one.
 */
@Component
public class StoredSigningKeys implements JWKSource<SecurityContext>, SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(StoredSigningKeys.class);

	private static final int RSA_KEY_BITS = 2048;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate ownTransaction;

	private volatile JWKSet keys;

	StoredSigningKeys(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.clock = clock;
		// A failed insert aborts a PostgreSQL transaction; keep it out of any caller's.
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@Override
	public void afterSingletonsInstantiated() {
		keys();
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

	// The database holds at most one active key (a unique column): of two nodes creating
	// one at the same moment, the second insert fails and that node loads the first's.
	// The insert commits on its own, so that a caller's rollback cannot leave this node
	// signing with a key no other node knows.
	private JWK loadOrCreate() {
		Optional<String> stored = activeKey();
		if (stored.isPresent()) {
			return parse(stored.get());
		}
		RSAKey created = generate();
		try {
			this.ownTransaction.executeWithoutResult((status) -> insert(created));
			logger.info("Created a new token signing key");
		}
		catch (DuplicateKeyException ex) {
			logger.info("Another node created the token signing key first; using that key");
		}
		return parse(activeKey()
			.orElseThrow(() -> new IllegalStateException("No active signing key is stored after creating one")));
	}

	private Optional<String> activeKey() {
		return this.jdbc.sql("SELECT jwk FROM signing_key WHERE status = 'ACTIVE'").query(String.class).optional();
	}

	private void insert(RSAKey key) {
		this.jdbc.sql("""
				INSERT INTO signing_key (kid, algorithm, jwk, status, created_at, active_slot)
				VALUES (?, ?, ?, 'ACTIVE', ?, 1)""")
			.params(key.getKeyID(), JWSAlgorithm.RS256.getName(), key.toJSONString(),
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
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
