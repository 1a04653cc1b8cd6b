package dev.ciba.server.ciba;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthReqIdTests {

	@Test
	void generateWhenCalledThenUrlSafeWithTheDocumentedEntropy() {
		AuthReqId id = AuthReqId.generate();

		assertThat(id.value()).matches("[A-Za-z0-9_-]+");
		assertThat(id.value().length() * 6).isGreaterThanOrEqualTo(AuthReqId.ENTROPY_BITS);
		assertThat(AuthReqId.ENTROPY_BITS).isGreaterThanOrEqualTo(160);
	}

	@Test
	void generateWhenCalledManyTimesThenNoDuplicates() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			seen.add(AuthReqId.generate().value());
		}

		assertThat(seen).hasSize(10_000);
	}

	@Test
	void hashWhenKnownValueThenSha256Hex() {
		assertThat(new AuthReqId("abc").hash())
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void toStringWhenPrintedThenHidesTheValue() {
		AuthReqId id = AuthReqId.generate();

		assertThat(id.toString()).doesNotContain(id.value());
	}

}
