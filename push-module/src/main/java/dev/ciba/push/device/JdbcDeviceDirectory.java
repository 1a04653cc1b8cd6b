package dev.ciba.push.device;

import java.time.Clock;
import java.util.List;

import dev.ciba.push.api.DeviceDirectory;
import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.push.audit.DeviceEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The customer's devices, for the portal, and their removal (by the portal or by the
 * device itself).
 */
@Service
public class JdbcDeviceDirectory implements DeviceDirectory {

	private static final Logger logger = LoggerFactory.getLogger(JdbcDeviceDirectory.class);

	private final DeviceRepository devices;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final DeviceEvents events;

	public JdbcDeviceDirectory(DeviceRepository devices, PlatformTransactionManager transactionManager, Clock clock,
			DeviceEvents events) {
		this.devices = devices;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.events = events;
	}

	@Override
	public List<DeviceSummary> activeDevices(String customerId) {
		return this.devices.findActiveSummaries(customerId);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * The removal of the portal: audited as removed {@link DeviceEvent#BY_PORTAL}.
	 */
	@Override
	public boolean remove(String customerId, String deviceId) {
		return remove(customerId, deviceId, DeviceEvent.BY_PORTAL);
	}

	@Override
	public boolean rename(String customerId, String deviceId, String name) {
		if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("A device name has 1 to " + MAX_NAME_LENGTH + " characters");
		}
		return this.devices.rename(customerId, deviceId, name);
	}

	/**
	 * Removes a device at its own signed request: audited as removed
	 * {@link DeviceEvent#BY_DEVICE}.
	 * @return {@code false} if the customer has no such active device
	 */
	public boolean removeByDevice(String customerId, String deviceId) {
		return remove(customerId, deviceId, DeviceEvent.BY_DEVICE);
	}

	private boolean remove(String customerId, String deviceId, String by) {
		Boolean removed = this.transactions.execute((status) -> {
			if (!this.devices.markRemoved(customerId, deviceId, this.clock.instant())) {
				return false;
			}
			this.devices.cancelPendingPushes(deviceId);
			this.events.record(DeviceEvent.removed(customerId, deviceId, by));
			return true;
		});
		if (Boolean.TRUE.equals(removed)) {
			logger.debug("Removed device {}", deviceId);
			return true;
		}
		return false;
	}

}
