package dev.ciba.server.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.ciba.server.ciba.CibaTokenIssuer.IssuedTokens;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationPayloadsTests {

	private static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");

	private static final OAuth2AccessToken ACCESS_TOKEN = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
			"G5kXH2wHvUra0sHlDy1iTkDJgsgUO1bN", ISSUED, ISSUED.plusSeconds(3600), Set.of("openid"));

	private static final OidcIdToken ID_TOKEN = new OidcIdToken("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", ISSUED,
			ISSUED.plusSeconds(1800), Map.of("sub", "customer-1"));

	@Test
	void pingWhenBuiltThenOnlyTheAuthReqId() {
		assertThat(NotificationPayloads.ping("1c266114-a1be-4252-8ad1-04986c5b9ac1"))
			.isEqualTo("{\"auth_req_id\":\"1c266114-a1be-4252-8ad1-04986c5b9ac1\"}");
	}

	@Test
	void tokensWhenARefreshTokenWasIssuedThenTheFullTokenResponse() {
		OAuth2RefreshToken refreshToken = new OAuth2RefreshToken("4bwc0ESC_IAhflf-ACC_vjD_ltc11ne-8gFPfA2Kx16", ISSUED);

		String body = NotificationPayloads.tokens("req-1", new IssuedTokens(ACCESS_TOKEN, refreshToken, ID_TOKEN));

		assertThat(body).isEqualTo("{\"auth_req_id\":\"req-1\",\"access_token\":\"G5kXH2wHvUra0sHlDy1iTkDJgsgUO1bN\","
				+ "\"token_type\":\"Bearer\",\"expires_in\":3600,"
				+ "\"refresh_token\":\"4bwc0ESC_IAhflf-ACC_vjD_ltc11ne-8gFPfA2Kx16\","
				+ "\"id_token\":\"eyJhbGciOiJSUzI1NiJ9.e30.c2ln\"}");
	}

	@Test
	void tokensWhenNoRefreshTokenThenNoRefreshTokenMember() {
		String body = NotificationPayloads.tokens("req-1", new IssuedTokens(ACCESS_TOKEN, null, ID_TOKEN));

		assertThat(body).isEqualTo("{\"auth_req_id\":\"req-1\",\"access_token\":\"G5kXH2wHvUra0sHlDy1iTkDJgsgUO1bN\","
				+ "\"token_type\":\"Bearer\",\"expires_in\":3600,\"id_token\":\"eyJhbGciOiJSUzI1NiJ9.e30.c2ln\"}");
	}

	@Test
	void tokensWhenTheRequestHadAuthorizationDetailsThenTheyCloseTheResponseAsJson() {
		String details = "[{\"type\":\"payment_initiation\",\"instructedAmount\":{\"currency\":\"EUR\","
				+ "\"amount\":\"5.00\"},\"count\":3}]";

		String body = NotificationPayloads.tokens("req-1", new IssuedTokens(ACCESS_TOKEN, null, ID_TOKEN, details));

		assertThat(body).isEqualTo("{\"auth_req_id\":\"req-1\",\"access_token\":\"G5kXH2wHvUra0sHlDy1iTkDJgsgUO1bN\","
				+ "\"token_type\":\"Bearer\",\"expires_in\":3600,\"id_token\":\"eyJhbGciOiJSUzI1NiJ9.e30.c2ln\","
				+ "\"authorization_details\":" + details + "}");
	}

	@Test
	void errorWhenBuiltThenAuthReqIdErrorAndDescription() {
		assertThat(NotificationPayloads.error("req-1", "access_denied", "The end-user denied \"it\""))
			.isEqualTo("{\"auth_req_id\":\"req-1\",\"error\":\"access_denied\","
					+ "\"error_description\":\"The end-user denied \\\"it\\\"\"}");
	}

}
