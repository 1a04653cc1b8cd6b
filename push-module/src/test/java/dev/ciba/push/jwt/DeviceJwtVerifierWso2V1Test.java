package dev.ciba.push.jwt;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.push.DeviceJwts;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.TestKeys;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.Wso2V1Jwts;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceKeyType;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.device.DeviceStatus;
import dev.ciba.push.jwt.DeviceJwtVerification.Refused;
import dev.ciba.push.jwt.DeviceJwtVerification.Verified;
import dev.ciba.push.limits.DeviceAbuseLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tokens of generation 1 ("push-auth") of the WSO2 protocol: the SDK's form verifies, and
 * our stricter checks hold.
 */
class DeviceJwtVerifierWso2V1Test {

	private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

	private static final String AUDIENCE = "https://ciba.example/t/bank/";

	private static final String V1_DEVICE = "11111111-1111-4111-8111-111111111111";

	private static final String V2_DEVICE = "22222222-2222-4222-8222-222222222222";

	private static final PushChannelSettings PROFILE_ON = PushChannelSettings.defaults("bank", "https://ciba.example")
		.withWso2V1(new PushChannelSettings.Wso2V1(true, Duration.ofHours(1)));

	private final InMemoryReplayStore replayStore = new InMemoryReplayStore();

	private final DeviceRepository devices = mock(DeviceRepository.class);

	private DeviceJwtVerifier verifier;

	@BeforeEach
	void setUp() {
		given(this.devices.findById(anyString())).willReturn(Optional.empty());
		given(this.devices.findById(V1_DEVICE))
			.willReturn(Optional.of(device(V1_DEVICE, TestKeys.RSA_1024, DeviceProtocol.WSO2_PUSH_AUTH)));
		given(this.devices.findById(V2_DEVICE))
			.willReturn(Optional.of(device(V2_DEVICE, TestKeys.RSA_2048, DeviceProtocol.WSO2_PUSH)));
		this.verifier = verifier(PROFILE_ON);
	}

	@Test
	void verifyWhenSdkShapedAnswerThenVerifiedAndJtiMarkedUsed() {
		String token = sign(Wso2V1Jwts.answerClaims(AUDIENCE, "push-1", "chg-1", "SUCCESSFUL", NOW).build());

		Verified verified = verifyAnswer(token).orElseThrow();

		assertThat(verified.device().id()).isEqualTo(V1_DEVICE);
		assertThat(verified.stringClaim("sid")).isEqualTo("push-1");
		assertThat(verified.stringClaim("res")).isEqualTo("SUCCESSFUL");
		assertThat(this.replayStore.used.values()).containsExactly(NOW.plusSeconds(3600 + 60));
	}

	@Test
	void verifyWhenJtiUsedTwiceThenSecondReplayed() {
		String token = sign(Wso2V1Jwts.answerClaims(AUDIENCE, "push-1", "chg-1", "SUCCESSFUL", NOW).build());

		DeviceJwtVerification first = verifyAnswer(token);
		DeviceJwtVerification second = verifyAnswer(token);

		assertThat(first).isInstanceOf(Verified.class);
		assertRefused(second, DeviceJwtRefusal.REPLAYED);
	}

	@Test
	void verifyWhenJtiMissingThenRefused() {
		String token = sign(answer().jwtID(null).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.MISSING_JTI);
	}

	@Test
	void verifyWhenAudienceNamesAnotherTenantThenRefused() {
		String token = sign(answer().audience("https://ciba.example/t/other/").build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.WRONG_AUDIENCE);
	}

	@Test
	void verifyWhenAudienceHasNoTrailingSlashThenRefused() {
		String token = sign(answer().audience("https://ciba.example/t/bank").build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.WRONG_AUDIENCE);
	}

	@Test
	void verifyWhenAudienceMissingThenRefused() {
		String token = sign(answer().audience((String) null).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.WRONG_AUDIENCE);
	}

	@Test
	void verifyWhenNbfMissingThenRefused() {
		String token = sign(answer().notBeforeTime(null).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.MISSING_NOT_BEFORE);
	}

	@Test
	void verifyWhenNbfInTheFutureBeyondSkewThenRefused() {
		String token = sign(answer().notBeforeTime(Date.from(NOW.plusSeconds(61))).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.NOT_YET_VALID);
	}

	@Test
	void verifyWhenNbfInTheFutureWithinSkewThenVerified() {
		String token = sign(answer().notBeforeTime(Date.from(NOW.plusSeconds(59))).build());

		assertThat(verifyAnswer(token)).isInstanceOf(Verified.class);
	}

	@Test
	void verifyWhenIatMissingThenRefused() {
		String token = sign(answer().issueTime(null).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.MISSING_ISSUED_AT);
	}

	@Test
	void verifyWhenLifetimeLongerThanTheProfileMaximumThenRefused() {
		String token = sign(answer().expirationTime(Date.from(NOW.plusSeconds(3601))).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.LIFETIME_TOO_LONG);
	}

	@Test
	void verifyWhenConfiguredMaximumShorterThanTheSdkLifetimeThenSdkTokenRefused() {
		DeviceJwtVerifier strict = verifier(
				PROFILE_ON.withWso2V1(new PushChannelSettings.Wso2V1(true, Duration.ofMinutes(10))));
		String token = sign(Wso2V1Jwts.answerClaims(AUDIENCE, "push-1", "chg-1", "SUCCESSFUL", NOW).build());

		assertRefused(strict.verify(token, DeviceJwtPurpose.AUTHENTICATE, null, DeviceProtocol.WSO2_PUSH_AUTH),
				DeviceJwtRefusal.LIFETIME_TOO_LONG);
	}

	@Test
	void verifyWhenExpiredBeyondSkewThenRefused() {
		String token = sign(
				Wso2V1Jwts.answerClaims(AUDIENCE, "push-1", "chg-1", "SUCCESSFUL", NOW.minusSeconds(3661)).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.EXPIRED);
	}

	@Test
	void verifyWhenShortLivedTokenThenVerified() {
		// The WSO2 server refused tokens with less than 300 s left; ours only asks that
		// they have not expired.
		String token = sign(answer().expirationTime(Date.from(NOW.plusSeconds(30))).build());

		assertThat(verifyAnswer(token)).isInstanceOf(Verified.class);
	}

	@Test
	void verifyWhenAlgNoneThenRefused() {
		PlainHeader header = new PlainHeader.Builder().customParam("did", V1_DEVICE).build();
		String token = new PlainJWT(header, answer().build()).serialize();

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyWhenHs256SignedWithThePublicKeyBytesThenRefused() throws Exception {
		MACSigner signer = new MACSigner(TestKeys.RSA_1024.getPublic().getEncoded());
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).customParam("did", V1_DEVICE).build(),
				answer().build());
		jwt.sign(signer);

		assertRefused(verifyAnswer(jwt.serialize()), DeviceJwtRefusal.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyWhenSignedByAnotherKeyThenBadSignature() {
		String token = Wso2V1Jwts.sign(TestKeys.RSA_2048_OTHER, V1_DEVICE, answer().build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.BAD_SIGNATURE);
	}

	@Test
	void verifyWhenHeaderNamesTheDeviceByDeviceIdThenMissingDid() {
		String token = DeviceJwts.sign(JWSAlgorithm.RS256, Wso2V1Jwts.signer(TestKeys.RSA_1024), V1_DEVICE,
				answer().build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.MISSING_DID);
	}

	@Test
	void verifyWhenGenerationOneTokenOfAGenerationTwoDeviceThenWrongProtocol() {
		String token = Wso2V1Jwts.sign(TestKeys.RSA_2048, V2_DEVICE, answer().build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.WRONG_PROTOCOL);
	}

	@Test
	void verifyWhenGenerationTwoTokenOfAGenerationOneDeviceThenWrongProtocol() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("pushAuthId", "push-1")
			.claim("challenge", "chg-1")
			.claim("response", "APPROVED")
			.expirationTime(Date.from(NOW.plusSeconds(600)))
			.build();
		String token = DeviceJwts.sign(JWSAlgorithm.RS256, Wso2V1Jwts.signer(TestKeys.RSA_1024), V1_DEVICE, claims);

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.AUTHENTICATE, null),
				DeviceJwtRefusal.WRONG_PROTOCOL);
	}

	@Test
	void verifyWhenProfileOffThenGenerationOneDeviceRefused() {
		DeviceJwtVerifier off = verifier(PushChannelSettings.defaults("bank", "https://ciba.example"));
		String token = sign(answer().build());

		assertRefused(off.verify(token, DeviceJwtPurpose.AUTHENTICATE, null, DeviceProtocol.WSO2_PUSH_AUTH),
				DeviceJwtRefusal.WRONG_PROTOCOL);
	}

	@Test
	void verifyWhenAnswerCarriesActThenWrongAction() {
		String token = sign(answer().claim("act", "REMOVE").build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.WRONG_ACTION);
	}

	@Test
	void verifyWhenSdkRemoveTokenThenVerified() {
		String token = sign(Wso2V1Jwts.removeClaims(AUDIENCE, NOW).build());

		assertThat(verifyRemove(token, V1_DEVICE)).isInstanceOf(Verified.class);
	}

	@Test
	void verifyWhenRemoveTokenHasNoActThenWrongAction() {
		String token = sign(Wso2V1Jwts.claims(AUDIENCE, NOW, Duration.ofMinutes(5)).build());

		assertRefused(verifyRemove(token, V1_DEVICE), DeviceJwtRefusal.WRONG_ACTION);
	}

	@Test
	void verifyWhenAnswerUsedToRemoveThenWrongAction() {
		String token = sign(answer().build());

		assertRefused(verifyRemove(token, V1_DEVICE), DeviceJwtRefusal.WRONG_ACTION);
	}

	@Test
	void verifyWhenRemoveTokenCarriesAnswerClaimsThenWrongPurpose() {
		String token = sign(Wso2V1Jwts.removeClaims(AUDIENCE, NOW).claim("sid", "push-1").build());

		assertRefused(verifyRemove(token, V1_DEVICE), DeviceJwtRefusal.WRONG_PURPOSE);
	}

	@Test
	void verifyWhenRemoveTokenWithoutDidThenRefusedEvenThoughThePathNamesTheDevice() {
		String token = Wso2V1Jwts.sign(TestKeys.RSA_1024, null, Wso2V1Jwts.removeClaims(AUDIENCE, NOW).build());

		assertRefused(verifyRemove(token, V1_DEVICE), DeviceJwtRefusal.MISSING_DID);
	}

	@Test
	void verifyWhenRemoveTokenNamesAnotherDeviceThanThePathThenDeviceMismatch() {
		String token = sign(Wso2V1Jwts.removeClaims(AUDIENCE, NOW).build());

		assertRefused(verifyRemove(token, V2_DEVICE), DeviceJwtRefusal.DEVICE_MISMATCH);
	}

	@Test
	void verifyWhenPendingTokenThenVerified() {
		String token = sign(Wso2V1Jwts.pendingClaims(AUDIENCE, NOW).build());

		assertThat(this.verifier.verify(token, DeviceJwtPurpose.PENDING, null, DeviceProtocol.WSO2_PUSH_AUTH))
			.isInstanceOf(Verified.class);
	}

	@Test
	void verifyWhenPendingTokenLivesAnHourThenRefused() {
		String token = sign(Wso2V1Jwts.claims(AUDIENCE, NOW, Duration.ofHours(1)).claim("purpose", "pending").build());

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.PENDING, null, DeviceProtocol.WSO2_PUSH_AUTH),
				DeviceJwtRefusal.LIFETIME_TOO_LONG);
	}

	@Test
	void verifyWhenAnswerUsedForPendingThenWrongPurpose() {
		String token = sign(answer().expirationTime(Date.from(NOW.plusSeconds(120))).build());

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.PENDING, null, DeviceProtocol.WSO2_PUSH_AUTH),
				DeviceJwtRefusal.WRONG_PURPOSE);
	}

	@Test
	void protocolOfWhenHeaderNamesDidOnlyThenGenerationOne() {
		assertThat(this.verifier.protocolOf(sign(answer().build()))).isEqualTo(DeviceProtocol.WSO2_PUSH_AUTH);
	}

	@Test
	void protocolOfWhenHeaderNamesDeviceIdThenGenerationTwo() {
		String token = DeviceJwts.answer(TestKeys.RSA_2048, V2_DEVICE, "push-1", "chg-1", "APPROVED", NOW);

		assertThat(this.verifier.protocolOf(token)).isEqualTo(DeviceProtocol.WSO2_PUSH);
	}

	@Test
	void protocolOfWhenHeaderNamesBothThenGenerationTwo() throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).customParam("did", V1_DEVICE)
			.customParam("deviceId", V1_DEVICE)
			.build(), answer().build());
		jwt.sign(Wso2V1Jwts.signer(TestKeys.RSA_1024));

		assertThat(this.verifier.protocolOf(jwt.serialize())).isEqualTo(DeviceProtocol.WSO2_PUSH);
	}

	@Test
	void protocolOfWhenNotAJwtThenGenerationTwo() {
		assertThat(this.verifier.protocolOf("not-a-jwt")).isEqualTo(DeviceProtocol.WSO2_PUSH);
	}

	@Test
	void protocolOfWhenProfileOffThenGenerationTwoWhateverTheHeader() {
		DeviceJwtVerifier off = verifier(PushChannelSettings.defaults("bank", "https://ciba.example"));

		assertThat(off.protocolOf(sign(answer().build()))).isEqualTo(DeviceProtocol.WSO2_PUSH);
	}

	private DeviceJwtVerifier verifier(PushChannelSettings settings) {
		return new DeviceJwtVerifier(this.devices, this.replayStore, settings, Clock.fixed(NOW, ZoneOffset.UTC),
				mock(DeviceAbuseLimits.class), mock(DeviceEvents.class));
	}

	private DeviceJwtVerification verifyAnswer(String token) {
		return this.verifier.verify(token, DeviceJwtPurpose.AUTHENTICATE, null, DeviceProtocol.WSO2_PUSH_AUTH);
	}

	private DeviceJwtVerification verifyRemove(String token, String pathDeviceId) {
		return this.verifier.verify(token, DeviceJwtPurpose.REMOVE, pathDeviceId, DeviceProtocol.WSO2_PUSH_AUTH);
	}

	private static JWTClaimsSet.Builder answer() {
		return Wso2V1Jwts.answerClaims(AUDIENCE, "push-1", "chg-1", "SUCCESSFUL", NOW);
	}

	private static String sign(JWTClaimsSet claims) {
		return Wso2V1Jwts.sign(TestKeys.RSA_1024, V1_DEVICE, claims);
	}

	private static void assertRefused(DeviceJwtVerification verification, DeviceJwtRefusal reason) {
		assertThat(verification).isInstanceOf(Refused.class);
		assertThat(((Refused) verification).reason()).isEqualTo(reason);
	}

	private static Device device(String id, KeyPair keyPair, DeviceProtocol protocol) {
		return new Device(id, "customer-1", "Pixel", "Pixel 9", "fcm-token", "FCM", TestKeys.publicKeyBase64(keyPair),
				DeviceKeyType.RSA, DeviceStatus.ACTIVE, NOW.minusSeconds(3600), null, protocol);
	}

}
