package dev.ciba.push.jwt;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.DeviceJwts;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.TestKeys;
import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.audit.RefusalReason;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceKeyType;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.device.DeviceStatus;
import dev.ciba.push.jwt.DeviceJwtVerification.Refused;
import dev.ciba.push.jwt.DeviceJwtVerification.Verified;
import dev.ciba.push.limits.DeviceAbuseLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.mock;

class DeviceJwtVerifierTest {

	private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

	private static final String RSA_DEVICE = "11111111-1111-4111-8111-111111111111";

	private static final String EC_DEVICE = "22222222-2222-4222-8222-222222222222";

	private static final String REMOVED_DEVICE = "33333333-3333-4333-8333-333333333333";

	private final InMemoryReplayStore replayStore = new InMemoryReplayStore();

	private final DeviceAbuseLimits limits = mock(DeviceAbuseLimits.class);

	private final DeviceEvents events = mock(DeviceEvents.class);

	private DeviceJwtVerifier verifier;

	@BeforeEach
	void setUp() {
		DeviceRepository devices = mock(DeviceRepository.class);
		given(devices.findById(anyString())).willReturn(Optional.empty());
		given(devices.findById(RSA_DEVICE))
			.willReturn(Optional.of(device(RSA_DEVICE, TestKeys.RSA_2048, DeviceKeyType.RSA, DeviceStatus.ACTIVE)));
		given(devices.findById(EC_DEVICE))
			.willReturn(Optional.of(device(EC_DEVICE, TestKeys.EC_P256, DeviceKeyType.EC_P256, DeviceStatus.ACTIVE)));
		given(devices.findById(REMOVED_DEVICE)).willReturn(
				Optional.of(device(REMOVED_DEVICE, TestKeys.RSA_2048, DeviceKeyType.RSA, DeviceStatus.REMOVED)));
		PushChannelSettings settings = PushChannelSettings.defaults("bank", "https://ciba.example");
		this.verifier = new DeviceJwtVerifier(devices, this.replayStore, settings, Clock.fixed(NOW, ZoneOffset.UTC),
				this.limits, this.events);
	}

	@Test
	void verifyWhenRs256AnswerOfRsaDeviceThenVerified() {
		String token = DeviceJwts.answer(TestKeys.RSA_2048, RSA_DEVICE, "push-1", "chg", "APPROVED", NOW);

		Verified verified = verifyAnswer(token).orElseThrow();

		assertThat(verified.device().id()).isEqualTo(RSA_DEVICE);
		assertThat(verified.stringClaim("pushAuthId")).isEqualTo("push-1");
		assertThat(verified.stringClaim("response")).isEqualTo("APPROVED");
		assertThat(this.replayStore.used).isEmpty();
	}

	@Test
	void verifyWhenEs256AnswerOfEcDeviceThenVerified() {
		String token = DeviceJwts.answer(TestKeys.EC_P256, EC_DEVICE, "push-1", "chg", "DENIED", NOW);

		Verified verified = verifyAnswer(token).orElseThrow();

		assertThat(verified.device().id()).isEqualTo(EC_DEVICE);
		assertThat(verified.stringClaim("response")).isEqualTo("DENIED");
	}

	@Test
	void verifyWhenAlgNoneThenRefused() {
		PlainHeader header = new PlainHeader.Builder().customParam("deviceId", RSA_DEVICE).build();
		String token = new PlainJWT(header, answerClaims(NOW.plusSeconds(60)).build()).serialize();

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyWhenHs256SignedWithPublicKeyBytesThenRefused() throws Exception {
		MACSigner signer = new MACSigner(TestKeys.RSA_2048.getPublic().getEncoded());
		String token = DeviceJwts.sign(JWSAlgorithm.HS256, signer, RSA_DEVICE,
				answerClaims(NOW.plusSeconds(60)).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyWhenRs256TokenNamesEcDeviceThenRefused() {
		String token = DeviceJwts.sign(TestKeys.RSA_2048, EC_DEVICE, answerClaims(NOW.plusSeconds(60)).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyWhenSignedByAnotherKeyThenBadSignature() {
		String token = DeviceJwts.sign(TestKeys.RSA_2048_OTHER, RSA_DEVICE, answerClaims(NOW.plusSeconds(60)).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.BAD_SIGNATURE);
	}

	@Test
	void verifyWhenSignedByAnotherKeyThenBadSignatureCountedAndAudited() {
		String token = DeviceJwts.sign(TestKeys.RSA_2048_OTHER, RSA_DEVICE, answerClaims(NOW.plusSeconds(60)).build());

		verifyAnswer(token);

		then(this.limits).should().countBadSignature("customer-1", RSA_DEVICE);
		then(this.events).should()
			.record(DeviceEvent.refused("customer-1", RSA_DEVICE, null, RefusalReason.BAD_SIGNATURE));
	}

	@Test
	void verifyWhenDeviceLockedThenRefusedBeforeItsSignatureIsChecked() {
		String token = DeviceJwts.answer(TestKeys.RSA_2048, RSA_DEVICE, "push-1", "chg", "APPROVED", NOW);
		DeviceApiException locked = DeviceApiException.tooManyRequests("locked", Duration.ofSeconds(42));
		willThrow(locked).given(this.limits).checkNotLocked("customer-1", RSA_DEVICE);

		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> verifyAnswer(token)).isSameAs(locked);

		then(this.limits).should(never()).countBadSignature(anyString(), anyString());
	}

	@Test
	void verifyWhenGoodSignatureThenNothingCountedOrAudited() {
		String token = DeviceJwts.answer(TestKeys.EC_P256, EC_DEVICE, "push-1", "chg", "APPROVED", NOW);

		verifyAnswer(token).orElseThrow();

		then(this.limits).should().checkNotLocked("customer-1", EC_DEVICE);
		then(this.limits).shouldHaveNoMoreInteractions();
		then(this.events).shouldHaveNoInteractions();
	}

	@Test
	void verifyWhenUnknownDeviceThenRefusedAndNotAudited() {
		String token = DeviceJwts.sign(TestKeys.RSA_2048, "unknown-device", answerClaims(NOW.plusSeconds(60)).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.UNKNOWN_DEVICE);

		then(this.events).shouldHaveNoInteractions();
	}

	@Test
	void verifyWhenTokenNamesNoDeviceThenNotAudited() {
		verifyAnswer("not.a.jwt");

		then(this.events).shouldHaveNoInteractions();
	}

	@Test
	void verifyWhenNotAJwtThenMalformed() {
		assertRefused(verifyAnswer("not.a.jwt"), DeviceJwtRefusal.MALFORMED);
	}

	@Test
	void verifyWhenHeaderHasNoDeviceIdThenRefused() {
		String token = DeviceJwts.sign(TestKeys.RSA_2048, null, answerClaims(NOW.plusSeconds(60)).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.MISSING_DEVICE_ID);
	}

	@Test
	void verifyWhenExpiredBeyondSkewThenRefused() {
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, answerClaims(NOW.minusSeconds(61)).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.EXPIRED);
	}

	@Test
	void verifyWhenExpiredWithinSkewThenVerified() {
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, answerClaims(NOW.minusSeconds(59)).build());

		assertThat(verifyAnswer(token)).isInstanceOf(Verified.class);
	}

	@Test
	void verifyWhenNoExpThenRefused() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("pushAuthId", "push-1").build();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, claims);

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.MISSING_EXPIRY);
	}

	@Test
	void verifyWhenLifetimeFromIatTooLongThenRefused() {
		JWTClaimsSet claims = answerClaims(NOW.plusSeconds(601)).issueTime(Date.from(NOW)).build();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, claims);

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.LIFETIME_TOO_LONG);
	}

	@Test
	void verifyWhenLifetimeFromIatAtMaximumThenVerified() {
		JWTClaimsSet claims = answerClaims(NOW.plusSeconds(600)).issueTime(Date.from(NOW)).build();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, claims);

		assertThat(verifyAnswer(token)).isInstanceOf(Verified.class);
	}

	@Test
	void verifyWhenNoIatAndExpBeyondMaximumPlusSkewThenRefused() {
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, answerClaims(NOW.plusSeconds(661)).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.LIFETIME_TOO_LONG);
	}

	@Test
	void verifyWhenRemoveTokenLivesLongerThan300SecondsThenRefused() {
		JWTClaimsSet claims = DeviceJwts.claims("remove", NOW, Duration.ofSeconds(301)).build();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, claims);

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.REMOVE, RSA_DEVICE),
				DeviceJwtRefusal.LIFETIME_TOO_LONG);
	}

	@Test
	void verifyWhenIatInTheFutureBeyondSkewThenRefused() {
		JWTClaimsSet claims = answerClaims(NOW.plusSeconds(300)).issueTime(Date.from(NOW.plusSeconds(61))).build();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, claims);

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.ISSUED_IN_FUTURE);
	}

	@Test
	void verifyWhenNbfInTheFutureBeyondSkewThenRefused() {
		JWTClaimsSet claims = answerClaims(NOW.plusSeconds(300)).notBeforeTime(Date.from(NOW.plusSeconds(120))).build();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, claims);

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.NOT_YET_VALID);
	}

	@Test
	void verifyWhenJtiUsedTwiceThenSecondReplayed() {
		JWTClaimsSet claims = answerClaims(NOW.plusSeconds(60)).jwtID("jti-1").build();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, claims);

		DeviceJwtVerification first = verifyAnswer(token);
		DeviceJwtVerification second = verifyAnswer(token);

		assertThat(first).isInstanceOf(Verified.class);
		assertRefused(second, DeviceJwtRefusal.REPLAYED);
		assertThat(this.replayStore.used).hasSize(1);
		assertThat(this.replayStore.used.values()).containsExactly(NOW.plusSeconds(120));
		assertThat(this.replayStore.used.keySet().iterator().next()).hasSize(64).doesNotContain("jti-1");
	}

	@Test
	void verifyWhenUnknownDeviceThenRefused() {
		String token = DeviceJwts.answer(TestKeys.RSA_2048, "44444444-4444-4444-8444-444444444444", "push-1", "chg",
				"APPROVED", NOW);

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.UNKNOWN_DEVICE);
	}

	@Test
	void verifyWhenRemovedDeviceThenRefused() {
		String token = DeviceJwts.answer(TestKeys.RSA_2048, REMOVED_DEVICE, "push-1", "chg", "APPROVED", NOW);

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.DEVICE_REMOVED);
	}

	@Test
	void verifyWhenPendingTokenThenVerifiedOnce() {
		String token = DeviceJwts.pending(TestKeys.EC_P256, EC_DEVICE, NOW);

		DeviceJwtVerification first = this.verifier.verify(token, DeviceJwtPurpose.PENDING, null);
		DeviceJwtVerification second = this.verifier.verify(token, DeviceJwtPurpose.PENDING, null);

		assertThat(first).isInstanceOf(Verified.class);
		assertRefused(second, DeviceJwtRefusal.REPLAYED);
	}

	@Test
	void verifyWhenPendingTokenWithoutJtiThenRefused() {
		JWTClaimsSet claims = DeviceJwts.claims("pending", NOW, Duration.ofSeconds(60)).jwtID(null).build();
		String token = DeviceJwts.sign(TestKeys.EC_P256, EC_DEVICE, claims);

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.PENDING, null), DeviceJwtRefusal.MISSING_JTI);
	}

	@Test
	void verifyWhenPendingTokenWithoutIatThenRefused() {
		JWTClaimsSet claims = DeviceJwts.claims("pending", NOW, Duration.ofSeconds(60)).issueTime(null).build();
		String token = DeviceJwts.sign(TestKeys.EC_P256, EC_DEVICE, claims);

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.PENDING, null), DeviceJwtRefusal.MISSING_ISSUED_AT);
	}

	@Test
	void verifyWhenAnswerUsedForPendingThenWrongPurpose() {
		JWTClaimsSet claims = answerClaims(NOW.plusSeconds(60)).issueTime(Date.from(NOW)).jwtID("jti-2").build();
		String token = DeviceJwts.sign(TestKeys.EC_P256, EC_DEVICE, claims);

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.PENDING, null), DeviceJwtRefusal.WRONG_PURPOSE);
	}

	@Test
	void verifyWhenPendingTokenUsedForAnswerThenWrongPurpose() {
		String token = DeviceJwts.pending(TestKeys.EC_P256, EC_DEVICE, NOW);

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.WRONG_PURPOSE);
	}

	@Test
	void verifyWhenWso2RemoveTokenWithoutPurposeThenVerifiedOnce() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().expirationTime(Date.from(NOW.plusSeconds(300))).build();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, null, claims);

		DeviceJwtVerification first = this.verifier.verify(token, DeviceJwtPurpose.REMOVE, RSA_DEVICE);
		DeviceJwtVerification second = this.verifier.verify(token, DeviceJwtPurpose.REMOVE, RSA_DEVICE);

		assertThat(first).isInstanceOf(Verified.class);
		assertRefused(second, DeviceJwtRefusal.REPLAYED);
	}

	@Test
	void verifyWhenAnswerWithoutPurposeUsedForRemoveThenWrongPurpose() {
		String token = DeviceJwts.answer(TestKeys.RSA_2048, RSA_DEVICE, "push-1", "chg", "APPROVED",
				NOW.minusSeconds(400));

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.REMOVE, RSA_DEVICE), DeviceJwtRefusal.WRONG_PURPOSE);
	}

	@Test
	void verifyWhenAnswerWithoutPurposeUsedForUpdateThenWrongPurpose() {
		String token = DeviceJwts.answer(TestKeys.RSA_2048, RSA_DEVICE, "push-1", "chg", "APPROVED",
				NOW.minusSeconds(400));

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.UPDATE, RSA_DEVICE), DeviceJwtRefusal.WRONG_PURPOSE);
	}

	@Test
	void verifyWhenAnswerWithAuthenticatePurposeUsedForRemoveUpdateOrRotateThenWrongPurpose() {
		JWTClaimsSet claims = answerClaims(NOW.plusSeconds(60)).claim("purpose", "authenticate")
			.issueTime(Date.from(NOW))
			.jwtID("jti-answer")
			.build();
		String token = DeviceJwts.sign(TestKeys.EC_P256, EC_DEVICE, claims);

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.REMOVE, EC_DEVICE), DeviceJwtRefusal.WRONG_PURPOSE);
		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.UPDATE, EC_DEVICE), DeviceJwtRefusal.WRONG_PURPOSE);
		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.ROTATE_KEY, EC_DEVICE),
				DeviceJwtRefusal.WRONG_PURPOSE);
		assertThat(this.replayStore.used).isEmpty();
	}

	@Test
	void verifyWhenRemoveOrUpdateTokenUsedForAnswerOrPullThenWrongPurpose() {
		for (String purpose : new String[] { "remove", "update" }) {
			JWTClaimsSet claims = DeviceJwts.claims(purpose, NOW, Duration.ofSeconds(60))
				.claim("pushAuthId", "push-1")
				.claim("challenge", "chg")
				.claim("response", "APPROVED")
				.build();
			String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, claims);

			assertRefused(verifyAnswer(token), DeviceJwtRefusal.WRONG_PURPOSE);
			assertRefused(this.verifier.verify(token, DeviceJwtPurpose.PENDING, null), DeviceJwtRefusal.WRONG_PURPOSE);
		}
		assertThat(this.replayStore.used).isEmpty();
	}

	@Test
	void verifyWhenRotateKeyTokenThenVerifiedOnce() {
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE,
				DeviceJwts.claims("rotate-key", NOW, Duration.ofSeconds(60)).build());

		DeviceJwtVerification first = this.verifier.verify(token, DeviceJwtPurpose.ROTATE_KEY, RSA_DEVICE);
		DeviceJwtVerification second = this.verifier.verify(token, DeviceJwtPurpose.ROTATE_KEY, RSA_DEVICE);

		assertThat(first).isInstanceOf(Verified.class);
		assertRefused(second, DeviceJwtRefusal.REPLAYED);
	}

	@Test
	void verifyWhenRotateKeyTokenWithoutPurposeThenWrongPurpose() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issueTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plusSeconds(60)))
			.jwtID("jti-rotate")
			.claim("publicKey", TestKeys.publicKeyBase64(TestKeys.EC_P256_OTHER))
			.build();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, claims);

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.ROTATE_KEY, RSA_DEVICE),
				DeviceJwtRefusal.WRONG_PURPOSE);
	}

	@Test
	void verifyWhenRotateKeyTokenWithoutJtiThenRefused() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("purpose", "rotate-key")
			.issueTime(Date.from(NOW))
			.expirationTime(Date.from(NOW.plusSeconds(60)))
			.build();
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE, claims);

		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.ROTATE_KEY, RSA_DEVICE),
				DeviceJwtRefusal.MISSING_JTI);
	}

	@Test
	void verifyWhenRotateKeyTokenUsedForAnotherCallThenWrongPurpose() {
		String token = DeviceJwts.sign(TestKeys.RSA_2048, RSA_DEVICE,
				DeviceJwts.claims("rotate-key", NOW, Duration.ofSeconds(60)).build());

		assertRefused(verifyAnswer(token), DeviceJwtRefusal.WRONG_PURPOSE);
		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.PENDING, null), DeviceJwtRefusal.WRONG_PURPOSE);
		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.REMOVE, RSA_DEVICE), DeviceJwtRefusal.WRONG_PURPOSE);
		assertRefused(this.verifier.verify(token, DeviceJwtPurpose.UPDATE, RSA_DEVICE), DeviceJwtRefusal.WRONG_PURPOSE);
	}

	@Test
	void verifyWhenHeaderNamesAnotherDeviceThanThePathThenForbidden() {
		JWTClaimsSet claims = DeviceJwts.claims("remove", NOW, Duration.ofSeconds(60)).build();
		String token = DeviceJwts.sign(TestKeys.EC_P256, EC_DEVICE, claims);

		DeviceJwtVerification verification = this.verifier.verify(token, DeviceJwtPurpose.REMOVE, RSA_DEVICE);

		assertRefused(verification, DeviceJwtRefusal.DEVICE_MISMATCH);
		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(verification::orElseThrow).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(ex.error()).isEqualTo("access_denied");
		});
	}

	@Test
	void orElseThrowWhenRefusedThenInvalidRequestWithDescription() {
		DeviceJwtVerification verification = verifyAnswer("garbage");

		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(verification::orElseThrow).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(ex.error()).isEqualTo("invalid_request");
			assertThat(ex.description()).isEqualTo("The token is not a well-formed signed JWT");
		});
	}

	private DeviceJwtVerification verifyAnswer(String token) {
		return this.verifier.verify(token, DeviceJwtPurpose.AUTHENTICATE, null);
	}

	private static void assertRefused(DeviceJwtVerification verification, DeviceJwtRefusal reason) {
		assertThat(verification).isInstanceOf(Refused.class);
		assertThat(((Refused) verification).reason()).isEqualTo(reason);
	}

	private static JWTClaimsSet.Builder answerClaims(Instant expiresAt) {
		return new JWTClaimsSet.Builder().claim("pushAuthId", "push-1")
			.claim("challenge", "chg")
			.claim("response", "APPROVED")
			.expirationTime(Date.from(expiresAt));
	}

	private static Device device(String id, KeyPair keyPair, DeviceKeyType type, DeviceStatus status) {
		return new Device(id, "customer-1", "Pixel", "Pixel 9", "fcm-token", "FCM", TestKeys.publicKeyBase64(keyPair),
				type, status, NOW.minusSeconds(3600), null);
	}

}
