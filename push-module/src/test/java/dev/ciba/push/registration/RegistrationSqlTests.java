package dev.ciba.push.registration;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.ciba.push.DeviceApiException;
import dev.ciba.push.DeviceSignatures;
import dev.ciba.push.PushModuleFixture;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.TestKeys;
import dev.ciba.push.api.DiscoveryData;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceKeyType;
import dev.ciba.push.device.DeviceStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Registrations and device registration against a real database.
 */
abstract class RegistrationSqlTests extends SqlTestBase {

	private static final String CUSTOMER = "cust-alice";

	private static final int RACE_ROUNDS = 20;

	/**
	 * Registrations racing for one challenge: as many as one customer's registration
	 * attempts per hour allow ({@code DeviceLimits.defaults()}), so the abuse limit never
	 * decides a round.
	 */
	private static final int RACERS = 10;

	@BeforeEach
	void addCustomers() {
		this.fixture.customers.add(CUSTOMER, "alice", true);
		this.fixture.customers.add("cust-bob", "bob", true);
	}

	@Test
	void openWhenCustomerEnabledThenStoredWithLifetimeAndChallenge() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);

		assertThat(data.deviceId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		assertThat(data.username()).isEqualTo("alice");
		assertThat(data.host()).isEqualTo("https://ciba.example");
		assertThat(data.tenantDomain()).isEqualTo("bank");
		assertThat(data.challenge()).matches("[A-Za-z0-9_-]{43}");
		assertThat(data.expiresAt()).isEqualTo(PushModuleFixture.START.plusSeconds(180));
		assertThat(this.fixture.registrations.findOpen(CUSTOMER, data.deviceId())).contains(data);
	}

	@Test
	void openWhenCalledTwiceThenDifferentDeviceIdsAndChallenges() {
		DiscoveryData first = this.fixture.registrations.open(CUSTOMER);
		DiscoveryData second = this.fixture.registrations.open(CUSTOMER);

		assertThat(second.deviceId()).isNotEqualTo(first.deviceId());
		assertThat(second.challenge()).isNotEqualTo(first.challenge());
	}

	@Test
	void openWhenCustomerUnknownThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.fixture.registrations.open("nobody"))
			.withMessage("Unknown or disabled customer");
	}

	@Test
	void openWhenMoreThanTheCapThenOldestDropped() {
		List<String> deviceIds = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			deviceIds.add(this.fixture.registrations.open(CUSTOMER).deviceId());
			this.fixture.clock.advance(Duration.ofSeconds(1));
		}

		assertThat(this.fixture.registrations.findOpen(CUSTOMER, deviceIds.get(0))).isEmpty();
		assertThat(deviceIds.subList(1, 4))
			.allSatisfy((id) -> assertThat(this.fixture.registrations.findOpen(CUSTOMER, id)).isPresent());
		assertThat(this.fixture.count("device_registration")).isEqualTo(3);
	}

	@Test
	void findOpenWhenOtherCustomerOrExpiredThenEmpty() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);

		assertThat(this.fixture.registrations.findOpen("cust-bob", data.deviceId())).isEmpty();
		this.fixture.clock.advance(Duration.ofSeconds(180));
		assertThat(this.fixture.registrations.findOpen(CUSTOMER, data.deviceId())).isEmpty();
	}

	@Test
	void registerWhenRsaKeyAndTokenThenActiveRs256Device() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);

		String deviceId = this.fixture.registrationService
			.register(PushModuleFixture.registrationRequest(data, TestKeys.RSA_2048, "fcm-token-1"));

		Device device = this.fixture.devices.findById(deviceId).orElseThrow();
		assertThat(deviceId).isEqualTo(data.deviceId());
		assertThat(device.customerId()).isEqualTo(CUSTOMER);
		assertThat(device.status()).isEqualTo(DeviceStatus.ACTIVE);
		assertThat(device.keyType()).isEqualTo(DeviceKeyType.RSA);
		assertThat(device.pushToken()).isEqualTo("fcm-token-1");
		assertThat(device.provider()).isEqualTo("FCM");
		assertThat(device.name()).isEqualTo("Pixel");
		assertThat(device.model()).isEqualTo("Pixel 9");
		assertThat(device.publicKey()).isEqualTo(TestKeys.publicKeyBase64(TestKeys.RSA_2048));
		assertThat(device.registeredAt()).isEqualTo(PushModuleFixture.START);
		assertThat(this.fixture.registrations.findOpen(CUSTOMER, deviceId)).isEmpty();
	}

	@Test
	void registerWhenEcKeyWithoutTokenThenPullOnlyDevice() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);

		String deviceId = this.fixture.registrationService
			.register(PushModuleFixture.registrationRequest(data, TestKeys.EC_P256, null));

		Device device = this.fixture.devices.findById(deviceId).orElseThrow();
		assertThat(device.keyType()).isEqualTo(DeviceKeyType.EC_P256);
		assertThat(device.pushToken()).isNull();
		assertThat(device.pullOnly()).isTrue();
		assertThat(device.provider()).isEqualTo("NONE");
	}

	@Test
	void registerWhenBadSignatureThenRefusedAndRegistrationStillUsable() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);
		DeviceRegistrationRequest good = PushModuleFixture.registrationRequest(data, TestKeys.RSA_2048, "tok");
		DeviceRegistrationRequest forged = withSignature(good, DeviceSignatures.sign(TestKeys.RSA_2048, "other.tok"));

		assertRefused(() -> this.fixture.registrationService.register(forged),
				"The signature does not verify with the public key");
		assertThat(this.fixture.count("device")).isZero();
		assertThat(this.fixture.registrationService.register(good)).isEqualTo(data.deviceId());
	}

	@Test
	void registerWhenSignedWithAnotherKeyThenRefused() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);
		DeviceRegistrationRequest request = PushModuleFixture.registrationRequest(data, TestKeys.EC_P256, "tok");
		DeviceRegistrationRequest forged = withSignature(request,
				DeviceSignatures.sign(TestKeys.EC_P256_OTHER, data.challenge() + ".tok"));

		assertRefused(() -> this.fixture.registrationService.register(forged),
				"The signature does not verify with the public key");
	}

	@Test
	void registerWhenUsedTwiceThenSecondRefused() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);
		DeviceRegistrationRequest request = PushModuleFixture.registrationRequest(data, TestKeys.RSA_2048, "tok");
		this.fixture.registrationService.register(request);

		assertRefused(() -> this.fixture.registrationService.register(request),
				"The registration is unknown, already used or expired");
	}

	@Test
	void registerWhenExpiredThenRefused() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);
		this.fixture.clock.advance(Duration.ofSeconds(180));

		assertRefused(
				() -> this.fixture.registrationService
					.register(PushModuleFixture.registrationRequest(data, TestKeys.RSA_2048, "tok")),
				"The registration is unknown, already used or expired");
	}

	@Test
	void registerWhenUnknownDeviceIdThenRefused() {
		DiscoveryData unknown = new DiscoveryData("0e2c5a53-6d61-4f43-9d3a-5b9a4f3e2d10", "alice", "h", "bank", "c",
				Instant.EPOCH);

		assertRefused(
				() -> this.fixture.registrationService
					.register(PushModuleFixture.registrationRequest(unknown, TestKeys.RSA_2048, "tok")),
				"The registration is unknown, already used or expired");
	}

	@Test
	void registerWhenRsa1024ThenRefused() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);

		assertRefused(
				() -> this.fixture.registrationService
					.register(PushModuleFixture.registrationRequest(data, TestKeys.RSA_1024, "tok")),
				"The parameter publicKey is not acceptable: The RSA key must have 2048 to 8192 bits");
	}

	@Test
	void registerWhenNameTooLongThenRefused() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);
		DeviceRegistrationRequest request = PushModuleFixture.registrationRequest(data, TestKeys.RSA_2048, "tok");
		DeviceRegistrationRequest longName = new DeviceRegistrationRequest(request.deviceId(), "n".repeat(101),
				request.model(), request.deviceToken(), request.publicKey(), request.signature(), null);

		assertRefused(() -> this.fixture.registrationService.register(longName),
				"The parameter name must have 1 to 100 printable characters");
	}

	@Test
	void registerWhenCustomerDisabledThenAccessDeniedAndRegistrationKept() {
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);
		this.fixture.customers.setEnabled(CUSTOMER, false);

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.registrationService
				.register(PushModuleFixture.registrationRequest(data, TestKeys.RSA_2048, "tok")))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(HttpStatus.FORBIDDEN));
		assertThat(this.fixture.count("device")).isZero();
	}

	@Test
	void registerWhenTenThreadsUseOneChallengeThenExactlyOneDeviceInEveryRound() throws Exception {
		for (int round = 1; round <= RACE_ROUNDS; round++) {
			String customer = "cust-race-" + round;
			this.fixture.customers.add(customer, "racer" + round, true);
			DiscoveryData data = this.fixture.registrations.open(customer);
			List<KeyPair> keys = new ArrayList<>();
			List<Callable<String>> attempts = new ArrayList<>();
			for (int i = 0; i < RACERS; i++) {
				KeyPair key = newEcKey();
				DeviceRegistrationRequest request = PushModuleFixture.registrationRequest(data, key, "tok-" + i);
				keys.add(key);
				attempts.add(() -> this.fixture.registrationService.register(request));
			}

			List<Object> outcomes = race(attempts);

			assertThat(outcomes).as("round %d", round).filteredOn(data.deviceId()::equals).hasSize(1);
			assertThat(outcomes).filteredOn(DeviceApiException.class::isInstance)
				.hasSize(RACERS - 1)
				.allSatisfy((ex) -> assertThat(((DeviceApiException) ex).status()).isEqualTo(HttpStatus.BAD_REQUEST));
			int winner = outcomes.indexOf(data.deviceId());
			assertThat(this.fixture.jdbc.sql("SELECT id FROM device WHERE customer_id = ?")
				.param(customer)
				.query(String.class)
				.list()).containsExactly(data.deviceId());
			Device device = this.fixture.devices.findById(data.deviceId()).orElseThrow();
			assertThat(device.pushToken()).isEqualTo("tok-" + winner);
			assertThat(device.publicKey()).isEqualTo(TestKeys.publicKeyBase64(keys.get(winner)));
			assertThat(this.fixture.registrations.findOpen(customer, data.deviceId())).isEmpty();
			assertThat(this.fixture.jdbc
				.sql("SELECT COUNT(*) FROM device_event WHERE device_id = ? AND event_type = 'REGISTERED'")
				.param(data.deviceId())
				.query(Integer.class)
				.single()).isEqualTo(1);
		}
	}

	@Test
	void registerWhenCustomerHasTheMostDevicesThenLimitReachedAndRegistrationKept() {
		for (int i = 0; i < 5; i++) {
			this.fixture.registerDevice(CUSTOMER, TestKeys.EC_P256, "tok-" + i);
		}
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);
		assertThat(this.fixture.registrations.deviceLimitReached(CUSTOMER)).isTrue();
		assertThat(this.fixture.registrations.deviceLimitReached("cust-bob")).isFalse();

		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.registrationService
				.register(PushModuleFixture.registrationRequest(data, TestKeys.RSA_2048, "tok-6")))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST);
				assertThat(ex.error()).isEqualTo("device_limit_reached");
				assertThat(ex.description())
					.isEqualTo("The customer has registered the most devices allowed; remove one first");
			});
		assertThat(this.fixture.count("device")).isEqualTo(5);
		assertThat(this.fixture.registrations.findOpen(CUSTOMER, data.deviceId())).isPresent();
	}

	@Test
	void registerWhenADeviceWasRemovedAtTheLimitThenTheKeptRegistrationWorks() {
		List<String> devices = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			devices.add(this.fixture.registerDevice(CUSTOMER, TestKeys.EC_P256, "tok-" + i));
		}
		DiscoveryData data = this.fixture.registrations.open(CUSTOMER);
		DeviceRegistrationRequest request = PushModuleFixture.registrationRequest(data, TestKeys.RSA_2048, "tok-6");
		assertThatExceptionOfType(DeviceApiException.class)
			.isThrownBy(() -> this.fixture.registrationService.register(request));

		this.fixture.directory.remove(CUSTOMER, devices.get(0));

		assertThat(this.fixture.registrations.deviceLimitReached(CUSTOMER)).isFalse();
		assertThat(this.fixture.registrationService.register(request)).isEqualTo(data.deviceId());
		assertThat(this.fixture.directory.activeDevices(CUSTOMER)).hasSize(5);
	}

	@Test
	void registerWhenTwoRegistrationsRaceOneDeviceShortOfTheLimitThenExactlyOneSucceeds() throws Exception {
		for (int round = 0; round < 10; round++) {
			this.fixture.reset();
			addCustomers();
			for (int i = 0; i < 4; i++) {
				this.fixture.registerDevice(CUSTOMER, TestKeys.EC_P256, "tok-" + i);
			}
			DeviceRegistrationRequest first = PushModuleFixture
				.registrationRequest(this.fixture.registrations.open(CUSTOMER), TestKeys.RSA_2048, "tok-a");
			DeviceRegistrationRequest second = PushModuleFixture
				.registrationRequest(this.fixture.registrations.open(CUSTOMER), TestKeys.EC_P256_OTHER, "tok-b");
			List<Callable<String>> attempts = List.of(() -> this.fixture.registrationService.register(first),
					() -> this.fixture.registrationService.register(second));

			List<Object> outcomes = race(attempts);

			assertThat(outcomes).filteredOn(String.class::isInstance).hasSize(1);
			assertThat(outcomes).filteredOn(DeviceApiException.class::isInstance)
				.singleElement()
				.satisfies((ex) -> assertThat(((DeviceApiException) ex).error()).isEqualTo("device_limit_reached"));
			assertThat(this.fixture.directory.activeDevices(CUSTOMER)).hasSize(5);
		}
	}

	private static DeviceRegistrationRequest withSignature(DeviceRegistrationRequest request, String signature) {
		return new DeviceRegistrationRequest(request.deviceId(), request.name(), request.model(), request.deviceToken(),
				request.publicKey(), signature, null);
	}

	private static void assertRefused(Runnable call, String description) {
		assertThatExceptionOfType(DeviceApiException.class).isThrownBy(call::run).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(ex.error()).isEqualTo("invalid_request");
			assertThat(ex.description()).isEqualTo(description);
		});
	}

	private static KeyPair newEcKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

}
