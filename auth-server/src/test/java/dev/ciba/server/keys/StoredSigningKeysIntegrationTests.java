package dev.ciba.server.keys;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import dev.ciba.server.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The stored signing key as two nodes see it, each node played by an instance of its own
 * on the one database. The server of this test context keeps the key it loaded in memory,
 * so emptying the table does not disturb it.
 */
class StoredSigningKeysIntegrationTests extends PostgresIntegrationTest {

	private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@BeforeEach
	void noKeyYet() {
		this.jdbc.sql("DELETE FROM signing_key").update();
	}

	@Test
	void getWhenTheFirstNodeCreatesTheKeyInsideATransactionThatRollsBackThenTheOtherNodeSignsWithTheSameKey() {
		StoredSigningKeys nodeA = node();
		StoredSigningKeys nodeB = node();
		TransactionTemplate callersTransaction = new TransactionTemplate(this.transactionManager);

		String kidOfA = callersTransaction.execute((status) -> {
			status.setRollbackOnly();
			return onlyKey(nodeA).getKeyID();
		});
		String kidOfB = onlyKey(nodeB).getKeyID();

		assertThat(kidOfB).isEqualTo(kidOfA);
		assertThat(activeKids()).containsExactly(kidOfA);
	}

	@Test
	void getWhenBothNodesStartOnAnEmptyTableThenOneActiveKeyForBoth() {
		StoredSigningKeys nodeA = node();
		StoredSigningKeys nodeB = node();

		String kidOfA = onlyKey(nodeA).getKeyID();
		String kidOfB = onlyKey(nodeB).getKeyID();

		assertThat(kidOfB).isEqualTo(kidOfA);
		assertThat(activeKids()).containsExactly(kidOfA);
	}

	@Test
	void insertWhenAnActiveKeyExistsThenTheDatabaseRefusesASecond() {
		String kid = onlyKey(node()).getKeyID();

		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> this.jdbc.sql("""
				INSERT INTO signing_key (kid, algorithm, jwk, status, created_at, active_slot)
				VALUES ('second', 'RS256', '{}', 'ACTIVE', ?, 1)""")
			.param(Instant.parse("2020-01-01T00:00:00Z").atOffset(ZoneOffset.UTC))
			.update());

		assertThat(activeKids()).containsExactly(kid);
	}

	private StoredSigningKeys node() {
		return new StoredSigningKeys(this.jdbc, this.clock, this.transactionManager);
	}

	private static JWK onlyKey(StoredSigningKeys keys) {
		List<JWK> selected = keys.get(ANY_KEY, null);
		assertThat(selected).hasSize(1);
		return selected.get(0);
	}

	private List<String> activeKids() {
		return this.jdbc.sql("SELECT kid FROM signing_key WHERE status = 'ACTIVE'").query(String.class).list();
	}

}
