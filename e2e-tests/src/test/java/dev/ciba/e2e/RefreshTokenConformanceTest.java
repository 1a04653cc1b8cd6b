package dev.ciba.e2e;

import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance checklist section K: refresh tokens of the CIBA grant, for clients that
 * have the {@code refresh_token} grant.
 * <p>
 * Not here: item 131 (FAPI 2.0: no rotation, sender-constrained refreshes).
 */
class RefreshTokenConformanceTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	@Test
	void item128_refreshIssuesNewTokensForTheSameCustomer() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.REFRESH);
		OIDCTokens first = suite.approveAndRedeem(client, client.startForAlice(client.request("openid", "profile")))
			.tokens();
		IDTokenClaimsSet firstIdToken = client.validateIdToken(first.getIDToken());

		TokenReply refreshed = client.refresh(first.getRefreshToken());

		assertThat(refreshed.status()).as(refreshed.http().getBody()).isEqualTo(200);
		assertThat(refreshed.cacheControlDirectives()).contains("no-store");
		OIDCTokens second = refreshed.tokens();
		assertThat(second.getAccessToken().getType()).isEqualTo(AccessTokenType.BEARER);
		assertThat(second.getAccessToken().getValue()).isNotEqualTo(first.getAccessToken().getValue())
			.matches("[\\x20-\\x7E]{22,}");
		if (second.getIDToken() != null) {
			IDTokenClaimsSet secondIdToken = client.validateIdToken(second.getIDToken());
			assertThat(secondIdToken.getIssuer()).isEqualTo(firstIdToken.getIssuer());
			assertThat(secondIdToken.getSubject()).isEqualTo(firstIdToken.getSubject());
			assertThat(secondIdToken.getAudience()).isEqualTo(firstIdToken.getAudience());
		}
	}

	@Test
	void item129_refreshTokenIsBoundToItsClient() throws Exception {
		ConformanceClient c1 = suite.client(SuiteClient.REFRESH);
		ConformanceClient c2 = suite.client(SuiteClient.SECOND);
		RefreshToken ofC1 = suite.approveAndRedeem(c1, c1.startForAlice()).tokens().getRefreshToken();
		RefreshToken ofC2 = suite.approveAndRedeem(c2, c2.startForAlice()).tokens().getRefreshToken();

		TokenReply c1WithC2sToken = c1.refresh(ofC2);
		TokenReply c2WithC1sToken = c2.refresh(ofC1);

		OAuthErrors.assertOAuthError(c1WithC2sToken.http(), 400, "invalid_grant");
		OAuthErrors.assertOAuthError(c2WithC1sToken.http(), 400, "invalid_grant");
	}

	/**
	 * At least 128 bits: at least 22 characters, of RFC 6749's VSCHAR only.
	 */
	@Test
	void item130_refreshTokenIsLongAndOfVisibleCharacters() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.REFRESH);

		RefreshToken token = suite.approveAndRedeem(client, client.startForAlice()).tokens().getRefreshToken();

		assertThat(token).isNotNull();
		assertThat(token.getValue()).matches("[\\x20-\\x7E]{22,}");
	}

}
