package dev.ciba.server.hint;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.config.CibaProperties;
import dev.ciba.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import static dev.ciba.server.hint.TestServerKeys.FOREIGN_KEY;
import static dev.ciba.server.hint.TestServerKeys.ISSUER;
import static dev.ciba.server.hint.TestServerKeys.SERVER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LoginHintTokensTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final JOSEObjectType TYPE = new JOSEObjectType("login-hint+jwt");

	private final MutableClock clock = new MutableClock(NOW);

	private final LoginHintTokens tokens = new LoginHintTokens(TestServerKeys.jwts(), TestServerKeys.properties(),
			this.clock);

	@Test
	void issueWhenCalledThenSignsATypedShortLivedTokenNamingTheCustomer() throws Exception {
		LoginHintTokens.Issued issued = this.tokens.issue("customer-1");

		SignedJWT jwt = SignedJWT.parse(issued.value());
		assertThat(issued.expiresIn()).isEqualTo(Duration.ofSeconds(120));
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("login-hint+jwt");
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("server-key");
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(ISSUER);
		assertThat(claims.getSubject()).isEqualTo("customer-1");
		assertThat(claims.getAudience()).containsExactly(ISSUER);
		assertThat(claims.getIssueTime().toInstant()).isEqualTo(NOW);
		assertThat(claims.getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(120));
		assertThat(claims.getJWTID()).hasSize(36);
	}

	@Test
	void subjectWhenTokenIsFreshThenTheCustomerId() {
		String token = this.tokens.issue("customer-1").value();
		this.clock.advance(Duration.ofSeconds(119));

		assertThat(this.tokens.subject(token)).isEqualTo("customer-1");
	}

	@Test
	void subjectWhenTokenReachedItsExpiryThenExpired() {
		String token = this.tokens.issue("customer-1").value();
		this.clock.advance(Duration.ofSeconds(120));

		assertRefused(token, HintException.Reason.EXPIRED, "expired");
	}

	@Test
	void subjectWhenSignedByAnotherKeyThenInvalidEvenIfExpired() {
		String forged = TestServerKeys.sign(FOREIGN_KEY, TYPE, claims().build());
		this.clock.advance(Duration.ofHours(1));

		assertRefused(forged, HintException.Reason.INVALID, "not signed by this server");
	}

	@Test
	void subjectWhenTypIsNotLoginHintThenInvalid() {
		String idTokenLike = TestServerKeys.sign(SERVER_KEY, JOSEObjectType.JWT, claims().build());

		assertRefused(idTokenLike, HintException.Reason.INVALID, "not a login hint token");
	}

	@Test
	void subjectWhenTypDiffersOnlyInCaseThenAccepted() {
		String token = TestServerKeys.sign(SERVER_KEY, new JOSEObjectType("Login-Hint+JWT"), claims().build());

		assertThat(this.tokens.subject(token)).isEqualTo("customer-1");
	}

	@Test
	void subjectWhenAudienceIsAnotherServerThenInvalid() {
		String token = TestServerKeys.sign(SERVER_KEY, TYPE, claims().audience("https://other.example.com").build());

		assertRefused(token, HintException.Reason.INVALID, "not issued by this server");
	}

	@Test
	void subjectWhenIssuerIsAnotherServerThenInvalid() {
		String token = TestServerKeys.sign(SERVER_KEY, TYPE, claims().issuer("https://other.example.com").build());

		assertRefused(token, HintException.Reason.INVALID, "not issued by this server");
	}

	@Test
	void subjectWhenExpiryIsMissingThenInvalid() {
		String token = TestServerKeys.sign(SERVER_KEY, TYPE, claims().expirationTime(null).build());

		assertRefused(token, HintException.Reason.INVALID, "required claim");
	}

	@Test
	void subjectWhenNotAJwtThenInvalid() {
		assertRefused("not-a-jwt", HintException.Reason.INVALID, "not a signed JWT");
	}

	@Test
	void subjectWhenSignatureWasTamperedWithThenInvalid() {
		String token = this.tokens.issue("customer-1").value();
		String tampered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");

		assertRefused(tampered, HintException.Reason.INVALID, "not signed by this server");
	}

	@Test
	void constructorWhenLifetimeIsLongerThanAnHourThenRefusesToStart() {
		CibaProperties properties = TestServerKeys.properties();
		properties.getLoginHintToken().setLifetime(Duration.ofMinutes(61));

		assertThatIllegalStateException()
			.isThrownBy(() -> new LoginHintTokens(TestServerKeys.jwts(), properties, this.clock))
			.withMessageContaining("ciba.login-hint-token.lifetime");
	}

	private static JWTClaimsSet.Builder claims() {
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("customer-1")
			.audience(ISSUER)
			.issueTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plusSeconds(120)))
			.jwtID("jti-1");
	}

	private void assertRefused(String token, HintException.Reason reason, String described) {
		assertThatExceptionOfType(HintException.class).isThrownBy(() -> this.tokens.subject(token)).satisfies((ex) -> {
			assertThat(ex.reason()).isEqualTo(reason);
			assertThat(ex.getMessage()).contains(described);
		});
	}

}
