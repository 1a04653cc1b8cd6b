package dev.ciba.server.hint;

import java.time.Instant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import static dev.ciba.server.hint.TestServerKeys.FOREIGN_KEY;
import static dev.ciba.server.hint.TestServerKeys.SERVER_KEY;
import static dev.ciba.server.hint.TestServerKeys.idTokenClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdTokenHintsTests {

	private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");

	private final IdTokenHints hints = new IdTokenHints(TestServerKeys.jwts(), TestServerKeys.properties());

	@Test
	void subjectWhenOurIdTokenForTheClientThenItsSubject() {
		String idToken = TestServerKeys.sign(SERVER_KEY, null,
				idTokenClaims("demo-client", "customer-1", ISSUED).build());

		assertThat(this.hints.subject("demo-client", idToken)).isEqualTo("customer-1");
	}

	@Test
	void subjectWhenIdTokenExpiredLongAgoThenStillItsSubject() {
		Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
		String idToken = TestServerKeys.sign(SERVER_KEY, JOSEObjectType.JWT,
				idTokenClaims("demo-client", "customer-1", longAgo).build());

		assertThat(this.hints.subject("demo-client", idToken)).isEqualTo("customer-1");
	}

	@Test
	void subjectWhenIssuedToAnotherClientThenInvalid() {
		String idToken = TestServerKeys.sign(SERVER_KEY, null,
				idTokenClaims("other-client", "customer-1", ISSUED).build());

		assertRefused("demo-client", idToken, "not issued to this client");
	}

	@Test
	void subjectWhenIssuedByAnotherServerThenInvalid() {
		String idToken = TestServerKeys.sign(SERVER_KEY, null,
				idTokenClaims("demo-client", "customer-1", ISSUED).issuer("https://other.example.com").build());

		assertRefused("demo-client", idToken, "not issued by this server");
	}

	@Test
	void subjectWhenSignedByAnotherKeyWithOurKeyIdThenInvalid() {
		String idToken = TestServerKeys.sign(FOREIGN_KEY, null,
				idTokenClaims("demo-client", "customer-1", ISSUED).build());

		assertRefused("demo-client", idToken, "not signed by this server");
	}

	@Test
	void subjectWhenAnAccessTokenOfTheClientThenInvalid() {
		JWTClaimsSet accessToken = idTokenClaims("demo-client", "customer-1", ISSUED).claim("azp", null)
			.claim("scope", "openid")
			.build();

		assertRefused("demo-client", TestServerKeys.sign(SERVER_KEY, null, accessToken), "not issued to this client");
	}

	@Test
	void subjectWhenALoginHintTokenThenInvalid() {
		String loginHintToken = TestServerKeys.sign(SERVER_KEY, new JOSEObjectType("login-hint+jwt"),
				idTokenClaims("demo-client", "customer-1", ISSUED).build());

		assertRefused("demo-client", loginHintToken, "not an ID token");
	}

	@Test
	void subjectWhenMacSignedThenInvalid() throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("server-key").build(),
				idTokenClaims("demo-client", "customer-1", ISSUED).build());
		jwt.sign(new MACSigner("a-shared-secret-of-at-least-32-bytes!".getBytes()));

		assertRefused("demo-client", jwt.serialize(), "not signed by this server");
	}

	@Test
	void subjectWhenSubjectIsMissingThenInvalid() {
		String idToken = TestServerKeys.sign(SERVER_KEY, null,
				idTokenClaims("demo-client", "customer-1", ISSUED).subject(null).build());

		assertRefused("demo-client", idToken, "no subject");
	}

	private void assertRefused(String clientId, String idToken, String described) {
		assertThatExceptionOfType(HintException.class).isThrownBy(() -> this.hints.subject(clientId, idToken))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(HintException.Reason.INVALID);
				assertThat(ex.getMessage()).contains(described);
			});
	}

}
