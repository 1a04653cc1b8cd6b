package dev.ciba.push.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

import dev.ciba.push.DeviceApiErrors;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.audit.RefusalReason;
import dev.ciba.push.device.DeviceKeyType;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.device.DevicePublicKey;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.device.InvalidDeviceKeyException;
import dev.ciba.push.device.NewDevice;
import dev.ciba.push.limits.DeviceAbuseLimits;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers a phone: checks its key and its signature over the registration's challenge,
 * then uses up the registration and stores the device in one transaction.
 * <p>
 * The signature is checked before the registration is used up, so a bad signature (a
 * typo, or someone who read the QR code and guesses) neither registers a device nor
 * spoils the customer's QR code; the registration still expires after its short lifetime.
 * Every attempt that names an open registration counts against its customer's
 * registration attempts before the signature is checked, so guessing is bounded too.
 * <p>
 * A registration may be used once, by a phone of either protocol generation; the device
 * keeps the generation it registered with. Generation 1 ({@code push-auth}, only while
 * its compatibility profile is on) takes RSA keys from 1024 bits, and nothing else.
 */
@Service
public class DeviceRegistrationService {

	/**
	 * The longest device name or model accepted.
	 */
	public static final int MAX_NAME_LENGTH = 100;

	/**
	 * The longest push token accepted.
	 */
	public static final int MAX_TOKEN_LENGTH = 4096;

	/**
	 * The longest public key (base64) accepted.
	 */
	public static final int MAX_KEY_LENGTH = 2048;

	private static final int MAX_SIGNATURE_LENGTH = 2048;

	private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

	private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	private static final Pattern WHITESPACE = Pattern.compile("\\s");

	private static final Pattern PUSH_TOKEN = Pattern.compile("[\\x21-\\x7E]*");

	private static final Logger logger = LoggerFactory.getLogger(DeviceRegistrationService.class);

	private final DeviceRegistrationRepository registrations;

	private final DeviceRepository devices;

	private final CustomerDirectory customers;

	private final int maxDevicesPerCustomer;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final DeviceAbuseLimits limits;

	private final DeviceEvents events;

	public DeviceRegistrationService(DeviceRegistrationRepository registrations, DeviceRepository devices,
			CustomerDirectory customers, PushChannelSettings settings, PlatformTransactionManager transactionManager,
			Clock clock, DeviceAbuseLimits limits, DeviceEvents events) {
		this.registrations = registrations;
		this.devices = devices;
		this.customers = customers;
		this.maxDevicesPerCustomer = settings.registration().maxDevicesPerCustomer();
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.limits = limits;
		this.events = events;
	}

	/**
	 * Registers the device of a request.
	 * @return the new device's id
	 * @throws DeviceApiException when the request is refused
	 */
	public String register(DeviceRegistrationRequest request) {
		String deviceId = deviceId(request.deviceId());
		String name = text(request.name(), "name");
		String model = text(request.model(), "model");
		String pushToken = pushToken(request.deviceToken());
		String provider = provider(request.provider(), pushToken);
		DevicePublicKey key = publicKey(request.publicKey(), DevicePublicKey.MIN_RSA_BITS);
		byte[] signature = signature(request.signature());
		return register(deviceId, name, model, pushToken, provider, key, signature, DeviceProtocol.WSO2_PUSH);
	}

	/**
	 * Registers the device of a generation-1 request ({@code pushId} instead of
	 * {@code deviceToken}, an RSA key of at least 1024 bits). The caller checks that the
	 * compatibility profile is on.
	 * @return the new device's id
	 * @throws DeviceApiException when the request is refused
	 */
	public String registerWso2V1(Wso2V1RegistrationRequest request) {
		String deviceId = deviceId(request.deviceId());
		String name = text(request.name(), "name");
		String model = text(request.model(), "model");
		String pushToken = pushToken(request.pushId(), "pushId");
		String provider = provider(null, pushToken);
		DevicePublicKey key = publicKey(request.publicKey(), DevicePublicKey.MIN_WSO2_V1_RSA_BITS);
		if (key.type() != DeviceKeyType.RSA) {
			throw DeviceApiException.invalidRequest("The parameter publicKey must be an RSA key in this protocol");
		}
		byte[] signature = signature(request.signature());
		return register(deviceId, name, model, pushToken, provider, key, signature, DeviceProtocol.WSO2_PUSH_AUTH);
	}

	private String register(String deviceId, String name, String model, @Nullable String pushToken, String provider,
			DevicePublicKey key, byte[] signature, DeviceProtocol protocol) {
		Instant now = this.clock.instant();
		PendingRegistration registration = this.registrations.findOpen(deviceId, now)
			.orElseThrow(DeviceRegistrationService::registrationNotUsable);
		this.limits.countRegistrationAttempt(registration.customerId(), deviceId);
		checkSignature(registration, pushToken, key, signature);
		NewDevice device = new NewDevice(deviceId, registration.customerId(), name, model, pushToken, provider, key,
				protocol);
		this.transactions.executeWithoutResult((status) -> store(device, now));
		logger.debug("Registered device {} ({}, {})", deviceId, key.type(), protocol);
		return deviceId;
	}

	/**
	 * Counts and inserts under the lock of the customer's row: two phones registering at
	 * once for a customer one device short of the maximum cannot both get in. A refusal
	 * rolls back, so the registration stays usable after a device was removed.
	 */
	private void store(NewDevice device, Instant now) {
		this.devices.lockCustomer(device.customerId());
		checkCustomer(device.customerId(), device.id());
		if (this.devices.countActive(device.customerId()) >= this.maxDevicesPerCustomer) {
			logger.debug("Refused registration of device {}: the customer has the most devices allowed", device.id());
			throw deviceLimitReached();
		}
		if (!this.registrations.claim(device.id(), now)) {
			throw registrationNotUsable();
		}
		this.devices.insert(device, now);
		this.events.record(DeviceEvent.registered(device.customerId(), device.id()));
	}

	/**
	 * The refusal of a registration beyond the most devices a customer may have.
	 */
	public static DeviceApiException deviceLimitReached() {
		return new DeviceApiException(HttpStatus.BAD_REQUEST, DeviceApiErrors.DEVICE_LIMIT_REACHED,
				"The customer has registered the most devices allowed; remove one first");
	}

	private void checkCustomer(String customerId, String deviceId) {
		boolean enabled = this.customers.findById(customerId).map(CustomerRef::enabled).orElse(false);
		if (!enabled) {
			logger.debug("Refused registration: customer disabled or unknown");
			this.events.record(DeviceEvent.refused(customerId, deviceId, null, RefusalReason.DISABLED_CUSTOMER));
			throw DeviceApiException.accessDenied("The customer may not register devices");
		}
	}

	private void checkSignature(PendingRegistration registration, @Nullable String pushToken, DevicePublicKey key,
			byte[] signature) {
		String signed = registration.challenge() + "." + ((pushToken != null) ? pushToken : "");
		if (!key.verifies(signed, signature)) {
			logger.warn("Refused registration of device {}: bad signature", registration.deviceId());
			this.events.record(DeviceEvent.refused(registration.customerId(), registration.deviceId(), null,
					RefusalReason.BAD_SIGNATURE));
			throw DeviceApiException.invalidRequest("The signature does not verify with the public key");
		}
	}

	private static DeviceApiException registrationNotUsable() {
		return DeviceApiException.invalidRequest("The registration is unknown, already used or expired");
	}

	private static String deviceId(@Nullable String deviceId) {
		String value = required(deviceId, "deviceId");
		if (!DEVICE_ID.matcher(value).matches()) {
			throw DeviceApiException.invalidRequest("The parameter deviceId is malformed");
		}
		return value;
	}

	static @Nullable String pushToken(@Nullable String deviceToken) {
		return pushToken(deviceToken, "deviceToken");
	}

	private static @Nullable String pushToken(@Nullable String value, String parameter) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() > MAX_TOKEN_LENGTH || !PUSH_TOKEN.matcher(value).matches()) {
			throw DeviceApiException.invalidRequest("The parameter " + parameter + " is too long or malformed");
		}
		return value;
	}

	private static DevicePublicKey publicKey(@Nullable String publicKey, int minRsaBits) {
		String value = required(publicKey, "publicKey");
		if (value.length() > MAX_KEY_LENGTH) {
			throw DeviceApiException.invalidRequest("The parameter publicKey is too long");
		}
		try {
			return DevicePublicKey.parse(value, minRsaBits);
		}
		catch (InvalidDeviceKeyException ex) {
			logger.debug("Refused registration: {}", ex.getMessage());
			throw DeviceApiException.invalidRequest("The parameter publicKey is not acceptable: " + ex.getMessage());
		}
	}

	private static byte[] signature(@Nullable String signature) {
		String value = required(signature, "signature");
		if (value.length() > MAX_SIGNATURE_LENGTH) {
			throw DeviceApiException.invalidRequest("The parameter signature is too long");
		}
		try {
			return Base64.getDecoder().decode(WHITESPACE.matcher(value).replaceAll(""));
		}
		catch (IllegalArgumentException ex) {
			throw DeviceApiException.invalidRequest("The parameter signature is not base64");
		}
	}

	/**
	 * A device name or model: required, at most {@value #MAX_NAME_LENGTH} characters, no
	 * control characters.
	 */
	static String text(@Nullable String value, String parameter) {
		String text = required(value, parameter).strip();
		if (text.isEmpty() || text.length() > MAX_NAME_LENGTH
				|| !text.codePoints().allMatch(DeviceRegistrationService::printable)) {
			throw DeviceApiException
				.invalidRequest("The parameter " + parameter + " must have 1 to 100 printable characters");
		}
		return text;
	}

	// Names are shown to the customer: no control characters, and no format characters
	// (bidirectional overrides,
	// zero-width characters) that could make a name read differently from what it is.
	private static boolean printable(int codePoint) {
		int type = Character.getType(codePoint);
		return codePoint == ' ' || !(Character.isISOControl(codePoint) || type == Character.FORMAT
				|| type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
				|| type == Character.SPACE_SEPARATOR || type == Character.PRIVATE_USE || type == Character.SURROGATE
				|| type == Character.UNASSIGNED);
	}

	/**
	 * The provider's name: as given (a string, or the {@code name} of an object), else
	 * {@code FCM}; {@code NONE} for a pull-only device whatever was given.
	 */
	static String provider(@Nullable JsonNode provider, @Nullable String pushToken) {
		if (pushToken == null) {
			return DeviceRepository.NO_PROVIDER;
		}
		if (provider == null || provider.isNull() || provider.isMissingNode()) {
			return DeviceRepository.DEFAULT_PROVIDER;
		}
		JsonNode name = provider.isObject() ? provider.path("name") : provider;
		if (!name.isString() || !PROVIDER.matcher(name.asString()).matches()) {
			throw DeviceApiException.invalidRequest("The parameter provider is malformed");
		}
		return name.asString();
	}

	private static String required(@Nullable String value, String parameter) {
		if (value == null || value.isBlank()) {
			throw DeviceApiException.invalidRequest("The parameter " + parameter + " is missing");
		}
		return value;
	}

}
