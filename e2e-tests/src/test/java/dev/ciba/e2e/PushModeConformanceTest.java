package dev.ciba.e2e;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.ciba.CIBAErrorDelivery;
import com.nimbusds.oauth2.sdk.ciba.CIBAPushCallback;
import com.nimbusds.oauth2.sdk.ciba.CIBATokenDelivery;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance checklist section I: push mode (core CIBA only; the OpenID Foundation's
 * suite does not cover it).
 * <p>
 * Not here: item 119 (FAPI forbids push; this server is not run as FAPI).
 */
class PushModeConformanceTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	private static final String PUSH = "/push";

	private static final Duration DELIVERY = Duration.ofSeconds(10);

	@Test
	void item115_approvalPushesTheTokensWithTheBearerToken() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PUSH);
		BackchannelReply started = client.startForAlice();
		AuthRequestID id = started.authReqId();

		suite.hook().approve(id);
		NotificationReceiver.Notification push = suite.receiver().await(PUSH, id.getValue(), DELIVERY);
		CIBAPushCallback callback = CIBAPushCallback.parse(push.toHttpRequest(URI.create(suite.receiver().url(PUSH))));

		assertThat(push.method()).isEqualTo("POST");
		assertThat(push.contentType()).startsWith("application/json");
		assertThat(push.authorization()).isEqualTo("Bearer " + started.notificationToken().getValue());
		assertThat(JSONObjectUtils.parse(push.body())).containsOnlyKeys("auth_req_id", "access_token", "token_type",
				"expires_in", "refresh_token", "id_token");
		assertThat(callback.indicatesSuccess()).isTrue();
		assertThat(callback.getAuthRequestID()).isEqualTo(id);
		OIDCTokens tokens = ((CIBATokenDelivery) callback).getOIDCTokens();
		assertThat(tokens.getAccessToken().getType()).isEqualTo(AccessTokenType.BEARER);
		assertThat(tokens.getAccessToken().getLifetime()).isPositive();
		assertThat(tokens.getRefreshToken()).isNotNull();
		assertThat(client.validateIdToken(tokens.getIDToken()).getSubject()).isNotNull();
		assertThat(suite.receiver().received(PUSH, id.getValue())).hasSize(1);
	}

	@Test
	void item116_pushedIdTokenIsBoundToTheAuthReqIdAndTheTokens() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PUSH);
		AuthRequestID id = client.startForAlice().authReqId();

		suite.hook().approve(id);
		NotificationReceiver.Notification push = suite.receiver().await(PUSH, id.getValue(), DELIVERY);
		OIDCTokens tokens = ((CIBATokenDelivery) CIBAPushCallback
			.parse(push.toHttpRequest(URI.create(suite.receiver().url(PUSH))))).getOIDCTokens();
		JWTClaimsSet claims = tokens.getIDToken().getJWTClaimsSet();
		IDTokenClaimsSet idToken = client.validateIdToken(tokens.getIDToken());

		assertThat(tokens.getIDToken().getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(claims.getStringClaim("urn:openid:params:jwt:claim:auth_req_id")).isEqualTo(id.getValue());
		assertThat(idToken.getAccessTokenHash())
			.isEqualTo(AccessTokenHash.compute(tokens.getAccessToken(), JWSAlgorithm.RS256));
		assertThat(claims.getStringClaim("at_hash")).isEqualTo(leftHalfSha256(tokens.getAccessToken().getValue()));
		assertThat(claims.getStringClaim("urn:openid:params:jwt:claim:rt_hash"))
			.isEqualTo(leftHalfSha256(tokens.getRefreshToken().getValue()));
	}

	@Test
	void item117_denialIsPushedAsAccessDenied() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PUSH);
		BackchannelReply started = client.startForAlice();
		AuthRequestID id = started.authReqId();

		suite.hook().deny(id);
		NotificationReceiver.Notification push = suite.receiver().await(PUSH, id.getValue(), DELIVERY);

		assertError(push, started, "access_denied");
	}

	@Test
	void item117_expiryIsPushedAsExpiredToken() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PUSH);
		BackchannelReply started = client.startForAlice(client.request("openid").requestedExpiry(5));
		Instant expiry = Instant.now().plusSeconds(5);

		NotificationReceiver.pause(Duration.between(Instant.now(), expiry));
		NotificationReceiver.Notification push = suite.receiver().await(PUSH, started.authReqId().getValue(), DELIVERY);

		assertError(push, started, "expired_token");
	}

	@Test
	void item118_pushClientsGetNoIntervalAndMayNotPoll() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.PUSH);
		BackchannelReply started = client.startForAlice();

		TokenReply poll = client.redeem(started.authReqId());

		assertThat(started.json()).doesNotContainKey("interval");
		assertThat(started.acknowledgement().getExpiresIn()).isEqualTo(300);
		OAuthErrors.assertOAuthError(poll.http(), 400, "unauthorized_client");
	}

	private static void assertError(NotificationReceiver.Notification push, BackchannelReply started, String error)
			throws Exception {
		CIBAPushCallback callback = CIBAPushCallback.parse(push.toHttpRequest(URI.create(suite.receiver().url(PUSH))));
		assertThat(push.authorization()).isEqualTo("Bearer " + started.notificationToken().getValue());
		assertThat(JSONObjectUtils.parse(push.body())).containsOnlyKeys("auth_req_id", "error", "error_description");
		assertThat(callback.indicatesSuccess()).isFalse();
		assertThat(callback.getAuthRequestID()).isEqualTo(started.authReqId());
		assertThat(((CIBAErrorDelivery) callback).getErrorObject().getCode()).isEqualTo(error);
	}

	private static String leftHalfSha256(String token) throws Exception {
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, hash.length / 2));
	}

}
