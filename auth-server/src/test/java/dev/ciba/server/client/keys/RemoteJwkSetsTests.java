package dev.ciba.server.client.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import dev.ciba.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The bounded cache of clients' JWK Sets.
 */
class RemoteJwkSetsTests {

	private static final String URI = "https://partner.example/jwks";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final List<String> fetched = new ArrayList<>();

	private boolean failing;

	private final RemoteJwkSets sets = new RemoteJwkSets(this::fetch, this.clock);

	@Test
	void getWhenFetchedLessThanFiveMinutesAgoThenCachedAndAfterwardsFetchedAgain() {
		JWKSet first = this.sets.get(URI);
		this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		JWKSet cached = this.sets.get(URI);
		this.clock.advance(Duration.ofSeconds(1));
		this.sets.get(URI);

		assertThat(cached).isSameAs(first);
		assertThat(this.fetched).containsExactly(URI, URI);
	}

	@Test
	void refetchWhenTheLastFetchIsYoungerThan30SecondsThenCachedElseFetched() {
		this.sets.get(URI);
		this.clock.advance(Duration.ofSeconds(29));
		this.sets.refetch(URI);
		this.clock.advance(Duration.ofSeconds(1));
		this.sets.refetch(URI);
		this.sets.refetch(URI);

		assertThat(this.fetched).hasSize(2);
	}

	@Test
	void getWhenAFetchFailedThenTheFailureIsRememberedFor30Seconds() {
		this.failing = true;
		assertThatExceptionOfType(JwkSetFetchException.class).isThrownBy(() -> this.sets.get(URI))
			.withMessage("The jwks_uri refused the connection");
		this.failing = false;
		this.clock.advance(Duration.ofSeconds(29));

		assertThatExceptionOfType(JwkSetFetchException.class).isThrownBy(() -> this.sets.get(URI))
			.withMessage("The JWK Set could not be fetched on the last attempt");
		assertThatExceptionOfType(JwkSetFetchException.class).isThrownBy(() -> this.sets.refetch(URI))
			.withMessage("The JWK Set could not be fetched on the last attempt");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.sets.get(URI).getKeys()).isEmpty();
		assertThat(this.fetched).hasSize(2);
	}

	@Test
	void getWhenMoreUrlsThanTheLimitThenTheLeastRecentlyUsedIsDropped() {
		for (int i = 0; i < RemoteJwkSets.MAX_ENTRIES; i++) {
			this.sets.get(URI + "/" + i);
		}
		this.sets.get(URI + "/0");
		this.sets.get(URI + "/new");
		this.sets.get(URI + "/0");
		this.sets.get(URI + "/1");

		assertThat(this.sets.size()).isEqualTo(1000);
		assertThat(this.fetched).hasSize(1002);
		assertThat(this.fetched.subList(1000, 1002)).containsExactly(URI + "/new", URI + "/1");
	}

	private JWKSet fetch(String uri) {
		this.fetched.add(uri);
		if (this.failing) {
			throw new JwkSetFetchException("The jwks_uri refused the connection");
		}
		return new JWKSet();
	}

}
