package dev.ciba.e2e;

import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance checklist section J: the contents of ID tokens in poll and ping mode (push
 * mode's bindings are item 116 in {@link PushModeConformanceTest}).
 * <p>
 * Not here: items 121 (FAPI: PS256 or ES256 ID tokens; this server signs RS256), 125 and
 * 126 (FAPI: certificate-bound access tokens at a resource server) and 127 (FAPI:
 * authentication strength, not observable beyond {@code acr}).
 */
class TokenContentsConformanceTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	private static final String[] BINDING_CLAIMS = { "at_hash", "urn:openid:params:jwt:claim:rt_hash",
			"urn:openid:params:jwt:claim:auth_req_id" };

	@Test
	void item120_idTokenPassesTheStandardChecks() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		Instant asked = Instant.now().minusSeconds(1);

		TokenReply reply = suite.approveAndRedeem(client, client.startForAlice());
		SignedJWT idToken = (SignedJWT) reply.tokens().getIDToken();
		IDTokenClaimsSet claims = client.validateIdToken(idToken);
		JWKSet published = JWKSet.load(suite.metadata().getJWKSetURI().toURL());

		assertThat(idToken.getHeader().getKeyID()).isNotBlank();
		assertThat(published.getKeyByKeyId(idToken.getHeader().getKeyID())).isNotNull();
		assertThat(claims.getIssuer().getValue()).isEqualTo(suite.baseUrl());
		assertThat(claims.getAudience()).extracting(Audience::getValue).contains(SuiteClient.DEMO.clientId());
		assertThat(idToken.getJWTClaimsSet().getStringClaim("azp")).isEqualTo(SuiteClient.DEMO.clientId());
		assertThat(claims.getExpirationTime()).isAfter(new Date());
		assertThat(claims.getIssueTime()).isBeforeOrEqualTo(Date.from(Instant.now().plusSeconds(1)));
		assertThat(claims.getSubject().getValue()).isNotBlank().isNotEqualTo(Phones.USERNAME);
		assertThat(claims.getAuthenticationTime()).isNotNull();
		assertThat(claims.getAuthenticationTime().toInstant()).isBetween(asked.minusSeconds(1),
				Instant.now().plusSeconds(1));
		if (claims.getACR() != null) {
			assertThat(claims.getACR().getValue()).isNotEmpty();
		}
	}

	/**
	 * Optional in poll and ping mode, and omitted by this server (README), which is what
	 * conformance suites expect.
	 */
	@Test
	void item122_pollAndPingIdTokensCarryNoBindingClaims() throws Exception {
		ConformanceClient poll = suite.client(SuiteClient.REFRESH);
		ConformanceClient ping = suite.client(SuiteClient.PING);

		JWTClaimsSet polled = suite.approveAndRedeem(poll, poll.startForAlice())
			.tokens()
			.getIDToken()
			.getJWTClaimsSet();
		JWTClaimsSet pinged = suite.approveAndRedeem(ping, ping.startForAlice())
			.tokens()
			.getIDToken()
			.getJWTClaimsSet();

		assertThat(polled.getClaims()).doesNotContainKeys(BINDING_CLAIMS);
		assertThat(pinged.getClaims()).doesNotContainKeys(BINDING_CLAIMS);
	}

	@Test
	void item123_idTokenHasNoCodeOrStateHash() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		JWTClaimsSet claims = suite.approveAndRedeem(client, client.startForAlice())
			.tokens()
			.getIDToken()
			.getJWTClaimsSet();

		assertThat(claims.getClaims()).doesNotContainKeys("c_hash", "s_hash");
	}

	@Test
	void item124_idTokenHasNoNonce() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		JWTClaimsSet claims = suite.approveAndRedeem(client, client.startForAlice())
			.tokens()
			.getIDToken()
			.getJWTClaimsSet();

		assertThat(claims.getClaims()).doesNotContainKey("nonce");
	}

}
