package dev.ciba.push.registration;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.DeviceJwts;
import dev.ciba.push.DeviceSignatures;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.TestDatabase;
import dev.ciba.push.TestKeys;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceKeyType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Key rotation by the phone against PostgreSQL: what is refused, and which key works
 * afterwards for every call.
 */
class DeviceKeyRotationIntegrationTest extends SqlTestBase {

	private static final String ALICE = "cust-alice";

	private String device;

	@Override
	protected TestDatabase createDatabase() {
		return TestDatabase.postgres();
	}

	@BeforeEach
	void addCustomerAndDevice() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.device = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-1");
	}

	@Test
	void rotateWhenNewEcKeyWithProofThenOldKeyRefusedEverywhereAndNewKeyWorks() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();

		this.fixture.keyRotation.rotate(this.device, rotation(TestKeys.RSA_2048, TestKeys.EC_P256_OTHER).build());

		Device rotated = this.fixture.devices.findById(this.device).orElseThrow();
		assertThat(rotated.keyType()).isEqualTo(DeviceKeyType.EC_P256);
		assertThat(this.fixture.jdbc
			.sql("SELECT customer_id FROM device_event WHERE event_type = 'KEY_ROTATED' AND device_id = ?")
			.param(this.device)
			.query(String.class)
			.list()).containsExactly(ALICE);
		assertThat(rotated.publicKey()).isEqualTo(TestKeys.publicKeyBase64(TestKeys.EC_P256_OTHER));
		Instant now = this.fixture.clock.instant();
		assertPendingRefused(DeviceJwts.pending(TestKeys.RSA_2048, this.device, now));
		assertRefused(() -> this.fixture.answers.answer(answer(TestKeys.RSA_2048, pushAuthId)),
				"The token algorithm does not fit the device key");
		assertRefused(() -> this.fixture.selfService.update(this.device, update(TestKeys.RSA_2048)),
				"The token algorithm does not fit the device key");
		assertRefused(() -> this.fixture.selfService.remove(this.device, remove(TestKeys.RSA_2048)),
				"The token algorithm does not fit the device key");
		List<Map<String, String>> pending = this.fixture.pending
			.pending(DeviceJwts.pending(TestKeys.EC_P256_OTHER, this.device, now));
		assertThat(pending).extracting((entry) -> entry.get("pushId")).containsExactly(pushAuthId);
		this.fixture.answers.answer(answer(TestKeys.EC_P256_OTHER, pushAuthId));
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("APPROVED");
		this.fixture.selfService.update(this.device, update(TestKeys.EC_P256_OTHER));
		assertThat(this.fixture.devices.findById(this.device).orElseThrow().name()).isEqualTo("Renamed");
	}

	@Test
	void rotateWhenNewKeyOfTheSameTypeThenOldKeySignatureRefused() {
		this.fixture.keyRotation.rotate(this.device, rotation(TestKeys.RSA_2048, TestKeys.RSA_2048_OTHER).build());

		assertRefused(() -> this.fixture.selfService.remove(this.device, remove(TestKeys.RSA_2048)),
				"The token signature does not verify");
		this.fixture.selfService.remove(this.device, remove(TestKeys.RSA_2048_OTHER));
		assertThat(this.fixture.devices.findById(this.device).orElseThrow().active()).isFalse();
	}

	@Test
	void rotateWhenSameTokenSentTwiceThenRefusedAndNewKeyKept() {
		String token = rotation(TestKeys.RSA_2048, TestKeys.EC_P256_OTHER).build();
		this.fixture.keyRotation.rotate(this.device, token);

		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, token),
				"The token algorithm does not fit the device key");
		assertThat(currentKey()).isEqualTo(TestKeys.publicKeyBase64(TestKeys.EC_P256_OTHER));
		assertThat(this.fixture.jdbc.sql("SELECT COUNT(*) FROM device_event WHERE event_type = 'KEY_ROTATED'")
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void rotateWhenReplayedBeforeAnyChangeThenReplayRefused() {
		Rotation rotation = rotation(TestKeys.RSA_2048, TestKeys.RSA_2048);
		String token = rotation.build();
		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, token),
				"The token claim publicKey is the device's current key");

		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, token), "The token was already used");
	}

	@Test
	void rotateWhenPurposeMissingThenRefusedAndKeyKept() {
		Rotation rotation = rotation(TestKeys.RSA_2048, TestKeys.EC_P256_OTHER);
		rotation.claims.claim("purpose", null);

		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, rotation.build()),
				"The token purpose claim does not fit this call");
		assertThat(currentKey()).isEqualTo(TestKeys.publicKeyBase64(TestKeys.RSA_2048));
	}

	@Test
	void rotateWhenProofSignedByTheOldKeyThenRefusedAndKeyKept() {
		Rotation rotation = rotation(TestKeys.RSA_2048, TestKeys.EC_P256_OTHER);
		rotation.claims.claim("proof", DeviceSignatures.sign(TestKeys.RSA_2048, this.device + "." + rotation.jti));

		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, rotation.build()),
				"The token claim proof does not verify with the new key");
		assertThat(currentKey()).isEqualTo(TestKeys.publicKeyBase64(TestKeys.RSA_2048));
	}

	@Test
	void rotateWhenProofCoversAnotherJtiThenRefused() {
		Rotation rotation = rotation(TestKeys.RSA_2048, TestKeys.EC_P256_OTHER);
		rotation.claims.claim("proof", DeviceSignatures.sign(TestKeys.EC_P256_OTHER, this.device + ".other-jti"));

		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, rotation.build()),
				"The token claim proof does not verify with the new key");
	}

	@Test
	void rotateWhenProofMissingOrNotBase64ThenRefused() {
		Rotation missing = rotation(TestKeys.RSA_2048, TestKeys.EC_P256_OTHER);
		missing.claims.claim("proof", null);
		Rotation garbled = rotation(TestKeys.RSA_2048, TestKeys.EC_P256_OTHER);
		garbled.claims.claim("proof", "not base64 ***");

		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, missing.build()),
				"The token claim proof is missing");
		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, garbled.build()),
				"The token claim proof is not base64");
	}

	@Test
	void rotateWhenNewKeyTooWeakOrMissingThenRefused() {
		Rotation weak = rotation(TestKeys.RSA_2048, TestKeys.RSA_1024);
		Rotation p384 = rotation(TestKeys.RSA_2048, TestKeys.EC_P384);
		Rotation missing = rotation(TestKeys.RSA_2048, TestKeys.EC_P256_OTHER);
		missing.claims.claim("publicKey", null);

		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, weak.build()),
				"The token claim publicKey is not acceptable: The RSA key must have 2048 to 8192 bits");
		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, p384.build()),
				"The token claim publicKey is not acceptable: The EC key must be on the curve P-256");
		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, missing.build()),
				"The token claim publicKey is missing");
		assertThat(currentKey()).isEqualTo(TestKeys.publicKeyBase64(TestKeys.RSA_2048));
	}

	@Test
	void rotateWhenApprovalJwtUsedThenRefusedAndKeyKept() {
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		String approval = DeviceJwts.timedAnswer(TestKeys.RSA_2048, this.device, pushAuthId,
				this.fixture.challengeOf(pushAuthId), "APPROVED", this.fixture.clock.instant());
		String wso2Approval = answer(TestKeys.RSA_2048, pushAuthId);

		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, approval),
				"The token purpose claim does not fit this call");
		assertRefused(() -> this.fixture.keyRotation.rotate(this.device, wso2Approval), "The token has no iat claim");
		assertThat(currentKey()).isEqualTo(TestKeys.publicKeyBase64(TestKeys.RSA_2048));
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
	}

	@Test
	void rotateWhenTokenSignedByAnotherDeviceThenForbidden() {
		String other = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);
		String token = DeviceJwts.sign(TestKeys.EC_P256, other,
				rotation(TestKeys.EC_P256, TestKeys.EC_P256_OTHER).claims.build());

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.keyRotation.rotate(this.device, token))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.FORBIDDEN);
				assertThat(ex.error()).isEqualTo("access_denied");
			});
		assertThat(currentKey()).isEqualTo(TestKeys.publicKeyBase64(TestKeys.RSA_2048));
	}

	private String currentKey() {
		return this.fixture.devices.findById(this.device).orElseThrow().publicKey();
	}

	private Rotation rotation(KeyPair oldKey, KeyPair newKey) {
		return new Rotation(this.device, oldKey, newKey, this.fixture.clock.instant());
	}

	private String answer(KeyPair keyPair, String pushAuthId) {
		return DeviceJwts.answer(keyPair, this.device, pushAuthId, this.fixture.challengeOf(pushAuthId), "APPROVED",
				this.fixture.clock.instant());
	}

	private String update(KeyPair keyPair) {
		return DeviceJwts.sign(keyPair, this.device,
				DeviceJwts.claims("update", this.fixture.clock.instant(), Duration.ofSeconds(60))
					.claim("name", "Renamed")
					.build());
	}

	private String remove(KeyPair keyPair) {
		return DeviceJwts.sign(keyPair, this.device,
				DeviceJwts.claims("remove", this.fixture.clock.instant(), Duration.ofSeconds(60)).build());
	}

	private void assertPendingRefused(String token) {
		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.pending.pending(token))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
				assertThat(ex.error()).isEqualTo("invalid_token");
			});
	}

	private static void assertRefused(Runnable call, String description) {
		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(ex.error()).isEqualTo("invalid_request");
			assertThat(ex.description()).isEqualTo(description);
		});
	}

	/**
	 * A rotation token as a phone makes it, with claims tests may change before signing.
	 */
	private static final class Rotation {

		private final String deviceId;

		private final KeyPair oldKey;

		private final String jti = UUID.randomUUID().toString();

		private final JWTClaimsSet.Builder claims;

		Rotation(String deviceId, KeyPair oldKey, KeyPair newKey, Instant now) {
			this.deviceId = deviceId;
			this.oldKey = oldKey;
			this.claims = new JWTClaimsSet.Builder().claim("purpose", "rotate-key")
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(60)))
				.jwtID(this.jti)
				.claim("publicKey", TestKeys.publicKeyBase64(newKey))
				.claim("proof", DeviceSignatures.sign(newKey, deviceId + "." + this.jti));
		}

		String build() {
			return DeviceJwts.sign(this.oldKey, this.deviceId, this.claims.build());
		}

	}

}
