package dev.ciba.push.limits;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.ciba.push.DeviceApiException;
import dev.ciba.push.DeviceJwts;
import dev.ciba.push.PushModuleFixture;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.TestKeys;
import dev.ciba.push.api.DiscoveryData;
import dev.ciba.push.registration.DeviceRegistrationRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The abuse limits of the device channel against a real database: registration attempts
 * per customer and the lock-out of a device after bad signatures.
 */
abstract class DeviceLimitsSqlTests extends SqlTestBase {

	private static final String ALICE = "cust-alice";

	private static final String BOB = "cust-bob";

	@Override
	protected DeviceLimits limits() {
		return DeviceLimits.of(3, Duration.ofHours(1), 2, Duration.ofMinutes(10));
	}

	@BeforeEach
	void addCustomers() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.fixture.customers.add(BOB, "bob", true);
	}

	@Test
	void registerWhenCustomersAttemptsUsedUpThenTooManyRequestsEvenWithAGoodSignature() {
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		for (int i = 0; i < 3; i++) {
			assertRefused(() -> this.fixture.registrationService.register(badlySigned(data)), HttpStatus.BAD_REQUEST,
					"invalid_request");
		}

		DeviceApiException refused = assertRefused(
				() -> this.fixture.registrationService
					.register(PushModuleFixture.registrationRequest(data, TestKeys.EC_P256, null)),
				HttpStatus.TOO_MANY_REQUESTS, "too_many_requests");

		assertThat(refused.description()).isEqualTo("Too many registration attempts; try again later");
		assertThat(refused.headers()).containsExactly(Map.entry("Retry-After", "3600"));
		assertThat(this.fixture.devices.findById(data.deviceId())).isEmpty();
		assertThat(this.fixture.registrations.findOpen(ALICE, data.deviceId())).isPresent();
		assertThat(reasons()).containsExactly("BAD_SIGNATURE", "BAD_SIGNATURE", "BAD_SIGNATURE", "RATE_LIMITED");
	}

	@Test
	void registerWhenAnotherCustomersAttemptsUsedUpThenStillAccepted() {
		DiscoveryData alices = this.fixture.registrations.open(ALICE);
		for (int i = 0; i < 4; i++) {
			assertThatExceptionOfType(DeviceApiException.class)
				.isThrownBy(() -> this.fixture.registrationService.register(badlySigned(alices)));
		}

		String deviceId = this.fixture.registerDevice(BOB, TestKeys.EC_P256, null);

		assertThat(this.fixture.devices.findById(deviceId)).isPresent();
	}

	@Test
	void registerWhenTheWindowHasPassedThenAcceptedAgain() {
		DiscoveryData first = this.fixture.registrations.open(ALICE);
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(DeviceApiException.class)
				.isThrownBy(() -> this.fixture.registrationService.register(badlySigned(first)));
		}
		this.fixture.clock.advance(Duration.ofHours(1));

		String deviceId = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);

		assertThat(this.fixture.devices.findById(deviceId)).isPresent();
	}

	@Test
	void registerWhenRegistrationUnknownThenNotCountedAgainstAnyone() {
		DiscoveryData data = this.fixture.registrations.open(ALICE);
		DeviceRegistrationRequest unknown = new DeviceRegistrationRequest("unknown-device", "Pixel", "Pixel 9", null,
				TestKeys.publicKeyBase64(TestKeys.EC_P256), "AAAA", null);
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(DeviceApiException.class)
				.isThrownBy(() -> this.fixture.registrationService.register(unknown));
		}

		this.fixture.registrationService.register(PushModuleFixture.registrationRequest(data, TestKeys.EC_P256, null));

		assertThat(this.fixture.count("rate_limit")).isEqualTo(1);
		assertThat(reasons()).isEmpty();
	}

	@Test
	void verifyWhenBadSignaturesUsedUpThenEveryCallOfTheDeviceRefusedUntilTheWindowEnds() {
		String phone = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-phone");
		String tablet = this.fixture.registerDevice(ALICE, TestKeys.EC_P256, null);
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		for (int i = 0; i < 2; i++) {
			assertRefused(() -> this.fixture.answers.answer(answer(TestKeys.RSA_2048_OTHER, phone, pushAuthId)),
					HttpStatus.BAD_REQUEST, "invalid_request");
		}
		this.fixture.clock.advance(Duration.ofMinutes(2));

		DeviceApiException locked = assertRefused(
				() -> this.fixture.answers.answer(answer(TestKeys.RSA_2048, phone, pushAuthId)),
				HttpStatus.TOO_MANY_REQUESTS, "too_many_requests");
		DeviceApiException lockedPull = assertRefused(
				() -> this.fixture.pending
					.pending(DeviceJwts.pending(TestKeys.RSA_2048, phone, this.fixture.clock.instant())),
				HttpStatus.TOO_MANY_REQUESTS, "too_many_requests");

		assertThat(locked.headers()).containsEntry("Retry-After", "480");
		assertThat(lockedPull.headers()).containsEntry("Retry-After", "480");
		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("PENDING");
		assertThat(this.fixture.count("device_jwt_replay")).isEqualTo(0);
		assertThat(this.fixture.pending
			.pending(DeviceJwts.pending(TestKeys.EC_P256, tablet, this.fixture.clock.instant()))).hasSize(1);
		for (int i = 0; i < 10; i++) {
			assertRefused(() -> this.fixture.answers.answer(answer(TestKeys.RSA_2048_OTHER, phone, pushAuthId)),
					HttpStatus.TOO_MANY_REQUESTS, "too_many_requests");
		}
		// The lock is recorded once, when the second bad signature began it; the calls
		// refused while it holds add nothing to the trail.
		assertThat(reasons()).containsExactly("BAD_SIGNATURE", "RATE_LIMITED", "BAD_SIGNATURE");
		this.fixture.clock.advance(Duration.ofMinutes(8));
		String next = this.fixture.start(ALICE).pushAuthId();
		this.fixture.answers.answer(answer(TestKeys.RSA_2048, phone, next));
		assertThat(this.fixture.statusOf(next)).isEqualTo("APPROVED");
	}

	@Test
	void verifyWhenBadSignaturesBelowTheLimitThenGoodTokensAccepted() {
		String phone = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-phone");
		String pushAuthId = this.fixture.start(ALICE).pushAuthId();
		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.answers.answer(answer(TestKeys.RSA_2048_OTHER, phone, pushAuthId)));

		this.fixture.answers.answer(answer(TestKeys.RSA_2048, phone, pushAuthId));

		assertThat(this.fixture.statusOf(pushAuthId)).isEqualTo("APPROVED");
	}

	private String answer(KeyPair keyPair, String deviceId, String pushAuthId) {
		return DeviceJwts.answer(keyPair, deviceId, pushAuthId, this.fixture.challengeOf(pushAuthId), "APPROVED",
				this.fixture.clock.instant());
	}

	private static DeviceRegistrationRequest badlySigned(DiscoveryData data) {
		DeviceRegistrationRequest request = PushModuleFixture.registrationRequest(data, TestKeys.EC_P256, null);
		return new DeviceRegistrationRequest(request.deviceId(), request.name(), request.model(), null,
				TestKeys.publicKeyBase64(TestKeys.RSA_2048), request.signature(), null);
	}

	private static DeviceApiException assertRefused(Runnable call, HttpStatus status, String error) {
		DeviceApiException[] caught = new DeviceApiException[1];
		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(status);
			assertThat(ex.error()).isEqualTo(error);
			caught[0] = ex;
		});
		return caught[0];
	}

	private List<String> reasons() {
		return this.fixture.jdbc.sql("SELECT reason FROM device_event WHERE event_type = 'REFUSED' ORDER BY id")
			.query(String.class)
			.list();
	}

}
