package dev.ciba.push;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ciba.push.api.DiscoveryData;
import dev.ciba.push.api.PushAuthStart;
import dev.ciba.push.api.PushAuthStarted;
import dev.ciba.push.audit.DeviceAuditSettings;
import dev.ciba.push.audit.JdbcDeviceEvents;
import dev.ciba.push.auth.DeviceAnswerService;
import dev.ciba.push.auth.JdbcPushAuthentications;
import dev.ciba.push.auth.PendingPushAuths;
import dev.ciba.push.auth.PushAuthMessages;
import dev.ciba.push.auth.PushAuthRepository;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.device.JdbcDeviceDirectory;
import dev.ciba.push.jwt.DeviceJwtVerifier;
import dev.ciba.push.jwt.JdbcJwtReplayStore;
import dev.ciba.push.limits.DeviceAbuseLimits;
import dev.ciba.push.limits.DeviceLimits;
import dev.ciba.push.limits.RateLimiter;
import dev.ciba.push.outbox.PushDispatcher;
import dev.ciba.push.outbox.PushOutbox;
import dev.ciba.push.registration.DeviceRegistrationRepository;
import dev.ciba.push.registration.DeviceRegistrationRequest;
import dev.ciba.push.registration.DeviceKeyRotation;
import dev.ciba.push.registration.DeviceRegistrationService;
import dev.ciba.push.registration.DeviceSelfService;
import dev.ciba.push.registration.JdbcDeviceRegistrations;
import dev.ciba.push.registration.Wso2V1RegistrationRequest;
import dev.ciba.push.resend.PushResender;
import dev.ciba.push.sweep.PushSweeper;
import dev.ciba.testsupport.MutableClock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The whole push module wired by hand over a test database, with fakes of the server's
 * ports, a clock that tests move, and a dispatcher trigger that tests run.
 */
public final class PushModuleFixture implements AutoCloseable {

	public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

	public static final String TENANT = "bank";

	public static final String BASE_URL = "https://ciba.example";

	public final TestDatabase database;

	public final JdbcClient jdbc;

	public final DataSourceTransactionManager transactionManager;

	public final MutableClock clock = new MutableClock(START);

	public final PushChannelSettings settings;

	public final TestCustomers customers;

	public final RecordingDecisionListener listener = new RecordingDecisionListener();

	public final RecordingPushSender sender = new RecordingPushSender();

	public final QueuedExecutor dispatchTrigger = new QueuedExecutor();

	public final DeviceLimits limits;

	public final JdbcDeviceEvents events;

	public final RateLimiter limiter;

	public final DeviceAbuseLimits abuseLimits;

	public final DeviceRepository devices;

	public final JdbcDeviceDirectory directory;

	public final DeviceJwtVerifier verifier;

	public final JdbcDeviceRegistrations registrations;

	public final DeviceRegistrationService registrationService;

	public final DeviceSelfService selfService;

	public final DeviceKeyRotation keyRotation;

	public final PushOutbox outbox;

	public final PushAuthRepository pushAuthRepository;

	public final PushAuthMessages messages;

	public final PushDispatcher dispatcher;

	public final JdbcPushAuthentications pushAuthentications;

	public final DeviceAnswerService answers;

	public final PendingPushAuths pending;

	public final PushSweeper sweeper;

	public final PushResender resender;

	public PushModuleFixture(TestDatabase database) {
		this(database, PushChannelSettings.defaults(TENANT, BASE_URL));
	}

	public PushModuleFixture(TestDatabase database, PushChannelSettings settings) {
		this(database, settings, DeviceLimits.defaults());
	}

	public PushModuleFixture(TestDatabase database, PushChannelSettings settings, DeviceLimits limits) {
		this.database = database;
		this.settings = settings;
		this.limits = limits;
		this.jdbc = JdbcClient.create(database.dataSource());
		this.transactionManager = new DataSourceTransactionManager(database.dataSource());
		this.customers = new TestCustomers(this.jdbc);
		this.events = new JdbcDeviceEvents(this.jdbc, this.transactionManager, this.clock);
		this.limiter = new RateLimiter(this.jdbc, this.transactionManager, this.clock);
		this.abuseLimits = new DeviceAbuseLimits(this.limiter, limits, this.events);
		this.devices = new DeviceRepository(this.jdbc);
		this.directory = new JdbcDeviceDirectory(this.devices, this.transactionManager, this.clock, this.events);
		this.verifier = new DeviceJwtVerifier(this.devices, new JdbcJwtReplayStore(this.jdbc, this.transactionManager),
				settings, this.clock, this.abuseLimits, this.events);
		DeviceRegistrationRepository registrationRepository = new DeviceRegistrationRepository(this.jdbc);
		this.registrations = new JdbcDeviceRegistrations(registrationRepository, this.devices, this.customers, settings,
				this.transactionManager, this.clock);
		this.registrationService = new DeviceRegistrationService(registrationRepository, this.devices, this.customers,
				settings, this.transactionManager, this.clock, this.abuseLimits, this.events);
		this.selfService = new DeviceSelfService(this.verifier, this.devices, this.directory, this.transactionManager,
				this.events);
		this.keyRotation = new DeviceKeyRotation(this.verifier, this.devices, this.events, this.transactionManager);
		this.outbox = new PushOutbox(this.jdbc);
		this.pushAuthRepository = new PushAuthRepository(this.jdbc);
		this.messages = new PushAuthMessages(this.pushAuthRepository, this.devices, this.customers, settings);
		this.dispatcher = new PushDispatcher(this.outbox, this.messages, this.sender, this.devices, settings,
				this.transactionManager, this.clock, this.events, this.dispatchTrigger);
		this.pushAuthentications = new JdbcPushAuthentications(this.pushAuthRepository, this.devices, this.outbox,
				this.dispatcher, this.transactionManager, this.clock);
		this.answers = new DeviceAnswerService(this.verifier, this.pushAuthRepository, this.devices, this.outbox,
				this.listener, this.customers, this.transactionManager, this.clock, this.events);
		this.pending = new PendingPushAuths(this.verifier, this.pushAuthRepository, this.customers, settings,
				this.clock, this.devices);
		this.sweeper = new PushSweeper(this.jdbc, settings, this.clock, DeviceAuditSettings.defaults());
		this.resender = newResender();
	}

	/**
	 * Another resender over the same database, as a second node runs it.
	 */
	public PushResender newResender() {
		return new PushResender(this.jdbc, this.dispatcher, this.settings, this.transactionManager, this.clock);
	}

	/**
	 * Empties every table the module uses and resets the fakes.
	 */
	public void reset() {
		for (String table : List.of("device_event", "rate_limit", "push_attempt", "push_outbox", "push_auth_device",
				"push_auth", "device_jwt_replay", "device_registration", "device", "customer")) {
			this.jdbc.sql("DELETE FROM " + table).update();
		}
		this.clock.set(START);
		this.listener.clear();
		this.sender.clear();
		this.dispatchTrigger.clear();
	}

	/**
	 * Registers a device the way a phone does: open a registration, sign its challenge,
	 * call the registration service.
	 * @param pushToken the push token, or {@code null} for a pull-only device
	 */
	public String registerDevice(String customerId, KeyPair keyPair, String pushToken) {
		DiscoveryData data = this.registrations.open(customerId);
		return this.registrationService.register(registrationRequest(data, keyPair, pushToken));
	}

	public static DeviceRegistrationRequest registrationRequest(DiscoveryData data, KeyPair keyPair, String pushToken) {
		String token = (pushToken != null) ? pushToken : "";
		String signature = DeviceSignatures.sign(keyPair, data.challenge() + "." + token);
		return new DeviceRegistrationRequest(data.deviceId(), "Pixel", "Pixel 9", pushToken,
				TestKeys.publicKeyBase64(keyPair), signature, null);
	}

	/**
	 * Registers a device the way a phone of generation 1 of the WSO2 protocol does: open
	 * a registration, sign {@code chg + "." + pushId}, call the generation-1
	 * registration.
	 * @param pushId the FCM token, or {@code null} for a pull-only device
	 */
	public String registerWso2V1Device(String customerId, KeyPair keyPair, String pushId) {
		DiscoveryData data = this.registrations.open(customerId);
		return this.registrationService.registerWso2V1(wso2V1RegistrationRequest(data, keyPair, pushId));
	}

	public static Wso2V1RegistrationRequest wso2V1RegistrationRequest(DiscoveryData data, KeyPair keyPair,
			String pushId) {
		String signature = DeviceSignatures.sign(keyPair, data.challenge() + "." + ((pushId != null) ? pushId : ""));
		return new Wso2V1RegistrationRequest(data.deviceId(), "Galaxy", "SM-G991B", pushId,
				TestKeys.publicKeyBase64(keyPair), signature);
	}

	/**
	 * Starts a push authentication for a customer, expiring in five minutes.
	 */
	public PushAuthStarted start(String customerId) {
		Instant now = this.clock.instant();
		return this.pushAuthentications.start(new PushAuthStart(customerId, "Payments Ltd", "Pay 10 EUR", "openid",
				"203.0.113.7", now, now.plus(Duration.ofMinutes(5))));
	}

	/**
	 * The challenge stored for a push authentication.
	 */
	public String challengeOf(String pushAuthId) {
		return this.jdbc.sql("SELECT challenge FROM push_auth WHERE id = ?")
			.param(pushAuthId)
			.query(String.class)
			.single();
	}

	public String statusOf(String pushAuthId) {
		return this.jdbc.sql("SELECT status FROM push_auth WHERE id = ?")
			.param(pushAuthId)
			.query(String.class)
			.single();
	}

	public int count(String table) {
		return this.jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
	}

	@Override
	public void close() {
		this.database.close();
	}

}
