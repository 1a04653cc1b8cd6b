package dev.ciba.push.registration;

import java.util.Objects;

import dev.ciba.push.DeviceApiException;
import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.audit.RefusalReason;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.device.JdbcDeviceDirectory;
import dev.ciba.push.jwt.DeviceJwtPurpose;
import dev.ciba.push.jwt.DeviceJwtVerification.Verified;
import dev.ciba.push.jwt.DeviceJwtVerifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a phone does to its own registration with a token signed by its key: remove
 * itself, or change its push token or name.
 */
@Service
public class DeviceSelfService {

	private static final Logger logger = LoggerFactory.getLogger(DeviceSelfService.class);

	private static final String DEVICE_TOKEN_CLAIM = "deviceToken";

	private static final String NAME_CLAIM = "name";

	private final DeviceJwtVerifier verifier;

	private final DeviceRepository devices;

	private final JdbcDeviceDirectory directory;

	private final TransactionTemplate transactions;

	private final DeviceEvents events;

	public DeviceSelfService(DeviceJwtVerifier verifier, DeviceRepository devices, JdbcDeviceDirectory directory,
			PlatformTransactionManager transactionManager, DeviceEvents events) {
		this.verifier = verifier;
		this.devices = devices;
		this.directory = directory;
		this.transactions = new TransactionTemplate(transactionManager);
		this.events = events;
	}

	/**
	 * Removes the device named by the path, with a {@code remove} token signed by it.
	 * @throws DeviceApiException when the token is refused
	 */
	public void remove(String deviceId, String token) {
		remove(deviceId, token, DeviceProtocol.WSO2_PUSH);
	}

	/**
	 * Removes the device named by the path, with a remove token of its protocol
	 * generation signed by it (generation 1: header {@code did}, {@code act} =
	 * {@code REMOVE}).
	 * @throws DeviceApiException when the token is refused
	 */
	public void remove(String deviceId, String token, DeviceProtocol protocol) {
		Verified jwt = this.verifier.verify(token, DeviceJwtPurpose.REMOVE, deviceId, protocol).orElseThrow();
		// WSO2 SDK tokens carry no purpose; an update token is told apart by its new
		// values and must never remove.
		if (jwt.claims().getClaim(DEVICE_TOKEN_CLAIM) != null || jwt.claims().getClaim(NAME_CLAIM) != null) {
			this.events
				.record(DeviceEvent.refused(jwt.device().customerId(), deviceId, null, RefusalReason.WRONG_PURPOSE));
			throw DeviceApiException.invalidRequest("A token carrying deviceToken or name cannot remove a device");
		}
		Device device = jwt.device();
		if (!this.directory.removeByDevice(device.customerId(), device.id())) {
			throw notRegistered();
		}
		logger.debug("Device {} removed itself", device.id());
	}

	/**
	 * Changes the push token and/or the name of the device named by the path, with an
	 * {@code update} token signed by it carrying {@code deviceToken} and/or {@code name}.
	 * An empty {@code deviceToken} makes the device pull-only.
	 * @throws DeviceApiException when the token is refused or carries neither claim
	 */
	public void update(String deviceId, String token) {
		Verified jwt = this.verifier.verify(token, DeviceJwtPurpose.UPDATE, deviceId).orElseThrow();
		boolean hasToken = jwt.claims().getClaim(DEVICE_TOKEN_CLAIM) != null;
		String pushToken = DeviceRegistrationService.pushToken(jwt.stringClaim(DEVICE_TOKEN_CLAIM));
		String rawName = jwt.stringClaim(NAME_CLAIM);
		if (!hasToken && rawName == null) {
			throw DeviceApiException.invalidRequest("The token carries neither deviceToken nor name");
		}
		String name = (rawName != null) ? DeviceRegistrationService.text(rawName, "name") : null;
		Device device = jwt.device();
		Boolean updated = this.transactions.execute((status) -> {
			boolean ok = !hasToken || this.devices.updatePushToken(device.id(), pushToken, provider(device, pushToken));
			ok = ok && (name == null || this.devices.updateName(device.id(), name));
			if (!ok) {
				status.setRollbackOnly();
				return false;
			}
			this.events.record(DeviceEvent.updated(device.customerId(), device.id()));
			return true;
		});
		if (!Boolean.TRUE.equals(updated)) {
			throw notRegistered();
		}
		logger.debug("Device {} updated itself", device.id());
	}

	/**
	 * A device keeps its provider when it changes its token; one that had none gets the
	 * default, and one without a token has none.
	 */
	private static String provider(Device device, @Nullable String pushToken) {
		if (pushToken == null) {
			return DeviceRepository.NO_PROVIDER;
		}
		return Objects.equals(device.provider(), DeviceRepository.NO_PROVIDER) ? DeviceRepository.DEFAULT_PROVIDER
				: device.provider();
	}

	private static DeviceApiException notRegistered() {
		return DeviceApiException.invalidRequest("The device is not registered");
	}

}
