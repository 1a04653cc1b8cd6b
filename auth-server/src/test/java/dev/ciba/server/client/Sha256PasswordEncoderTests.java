package dev.ciba.server.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256PasswordEncoderTests {

	private final Sha256PasswordEncoder encoder = new Sha256PasswordEncoder();

	@Test
	void encodeWhenKnownSecretThenSha256Hex() {
		assertThat(this.encoder.encode("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void matchesWhenSameSecretThenTrueOtherwiseFalse() {
		String encoded = this.encoder.encode("demo-client-secret-0123456789abcdef");

		assertThat(this.encoder.matches("demo-client-secret-0123456789abcdef", encoded)).isTrue();
		assertThat(this.encoder.matches("demo-client-secret-0123456789abcdeF", encoded)).isFalse();
		assertThat(this.encoder.matches("anything", "not-hex")).isFalse();
		assertThat(this.encoder.matches(null, encoded)).isFalse();
	}

}
