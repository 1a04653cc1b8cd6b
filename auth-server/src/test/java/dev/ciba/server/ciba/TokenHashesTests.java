package dev.ciba.server.ciba;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TokenHashesTests {

	// The example of CIBA Core 1.0 §10.3.1 (an RS256 ID token).
	@Test
	void leftHalfHashWhenRs256ThenMatchesTheCibaSpecificationExample() {
		assertThat(TokenHashes.leftHalfHash("RS256", "G5kXH2wHvUra0sHlDy1iTkDJgsgUO1bN"))
			.isEqualTo("Wt0kVFXMacqvnHeyU0001w");
		assertThat(TokenHashes.leftHalfHash("RS256", "4bwc0ESC_IAhflf-ACC_vjD_ltc11ne-8gFPfA2Kx16"))
			.isEqualTo("sHahCuSpXCRg5mkDDvvr4w");
	}

	@Test
	void leftHalfHashWhenPs256OrEs256ThenSha256LikeRs256() {
		assertThat(TokenHashes.leftHalfHash("PS256", "abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iIw");
		assertThat(TokenHashes.leftHalfHash("ES256", "abc")).isEqualTo("ungWv48Bz-pBQUDeXa4iIw");
	}

	@Test
	void leftHalfHashWhen384Or512ThenTheMatchingSha2() {
		assertThat(TokenHashes.leftHalfHash("ES384", "abc")).isEqualTo("ywB1P0WjXou1oD1pmsZQBycsMqsO3tFj");
		assertThat(TokenHashes.leftHalfHash("PS512", "abc")).isEqualTo("3a81oZNherrMQXNJriBBMRLm-k6JqX6iCp7u5ktV05o");
	}

	@Test
	void leftHalfHashWhenAlgorithmHasNoSha2HashThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> TokenHashes.leftHalfHash("EdDSA", "abc"))
			.withMessage("No token hash is defined for the JWS algorithm EdDSA");
		assertThatIllegalArgumentException().isThrownBy(() -> TokenHashes.leftHalfHash("RS1", "abc"));
	}

}
