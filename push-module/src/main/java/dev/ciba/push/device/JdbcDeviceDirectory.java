package dev.ciba.push.device;

import java.time.Clock;
import java.util.List;

import dev.ciba.push.api.DeviceDirectory;
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

	public JdbcDeviceDirectory(DeviceRepository devices, PlatformTransactionManager transactionManager, Clock clock) {
		this.devices = devices;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	@Override
	public List<DeviceSummary> activeDevices(String customerId) {
		return this.devices.findActiveSummaries(customerId);
	}

	@Override
	public boolean remove(String customerId, String deviceId) {
		Boolean removed = this.transactions.execute((status) -> {
			if (!this.devices.markRemoved(customerId, deviceId, this.clock.instant())) {
				return false;
			}
			this.devices.cancelPendingPushes(deviceId);
			return true;
		});
		if (Boolean.TRUE.equals(removed)) {
			logger.debug("Removed device {}", deviceId);
			return true;
		}
		return false;
	}

}
