package dev.ciba.push.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ciba.push.DeviceApiErrors;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.jwt.DeviceJwtPurpose;
import dev.ciba.push.jwt.DeviceJwtVerification;
import dev.ciba.push.jwt.DeviceJwtVerification.Refused;
import dev.ciba.push.jwt.DeviceJwtVerification.Verified;
import dev.ciba.push.jwt.DeviceJwtVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The pending-request pull ({@code GET .../push-auth/pending}): what a device was asked
 * and has not answered, for lost pushes and pull-only devices. A generation-1 device
 * (while its profile is on) pulls with a token in its own form (header {@code did}) and
 * gets its own push data.
 */
@Service
public class PendingPushAuths {

	/**
	 * The most entries one pull returns, newest first.
	 */
	public static final int MAX_ENTRIES = 20;

	private final DeviceJwtVerifier verifier;

	private final PushAuthRepository pushAuths;

	private final DeviceRepository devices;

	private final CustomerDirectory customers;

	private final PushChannelSettings settings;

	private final Clock clock;

	public PendingPushAuths(DeviceJwtVerifier verifier, PushAuthRepository pushAuths, CustomerDirectory customers,
			PushChannelSettings settings, Clock clock, DeviceRepository devices) {
		this.verifier = verifier;
		this.devices = devices;
		this.pushAuths = pushAuths;
		this.customers = customers;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * The push data of every pending request of the device that signed the bearer token.
	 * @throws DeviceApiException 401 {@code invalid_token} if the token is refused
	 */
	public List<Map<String, String>> pending(String bearerToken) {
		Device device = verify(bearerToken).device();
		CustomerRef customer = this.customers.findById(device.customerId()).filter(CustomerRef::enabled).orElse(null);
		if (customer == null) {
			return List.of();
		}
		Instant now = this.clock.instant();
		this.devices.recordUse(device, now);
		return this.pushAuths.findPendingForDevice(device.id(), device.customerId(), now, MAX_ENTRIES)
			.stream()
			.map((pushAuth) -> pushData(pushAuth, device, customer.username()))
			.toList();
	}

	private Map<String, String> pushData(PushAuthRecord pushAuth, Device device, String username) {
		if (device.protocol() == DeviceProtocol.WSO2_PUSH_AUTH) {
			return Wso2V1PushData.of(pushAuth, device.id(), username, this.settings);
		}
		return PushData.of(pushAuth, device.id(), username, this.settings);
	}

	private Verified verify(String bearerToken) {
		DeviceJwtVerification verification = this.verifier.verify(bearerToken, DeviceJwtPurpose.PENDING, null,
				this.verifier.protocolOf(bearerToken));
		if (verification instanceof Refused refused) {
			throw invalidToken(refused.reason().description());
		}
		return (Verified) verification;
	}

	/**
	 * A 401 of RFC 6750 §3.1 for a bearer token that is missing ({@code description}
	 * names it) or refused.
	 */
	public static DeviceApiException invalidToken(String description) {
		return new DeviceApiException(HttpStatus.UNAUTHORIZED, DeviceApiErrors.INVALID_TOKEN, description,
				Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""));
	}

}
