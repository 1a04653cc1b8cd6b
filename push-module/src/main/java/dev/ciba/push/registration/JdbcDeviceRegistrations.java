package dev.ciba.push.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.RandomTokens;
import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.api.DeviceRegistrations;
import dev.ciba.push.api.DiscoveryData;
import dev.ciba.push.device.DeviceRepository;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Open registrations in the database, so that a phone may register through any node.
 */
@Service
public class JdbcDeviceRegistrations implements DeviceRegistrations {

	private final DeviceRegistrationRepository registrations;

	private final DeviceRepository devices;

	private final CustomerDirectory customers;

	private final PushChannelSettings settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public JdbcDeviceRegistrations(DeviceRegistrationRepository registrations, DeviceRepository devices,
			CustomerDirectory customers, PushChannelSettings settings, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.registrations = registrations;
		this.devices = devices;
		this.customers = customers;
		this.settings = settings;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException if the customer is unknown or disabled
	 */
	@Override
	public DiscoveryData open(String customerId) {
		CustomerRef customer = this.customers.findById(customerId)
			.filter(CustomerRef::enabled)
			.orElseThrow(() -> new IllegalArgumentException("Unknown or disabled customer"));
		return open(customer);
	}

	/**
	 * Opens a registration for a customer already looked up.
	 */
	public DiscoveryData open(CustomerRef customer) {
		Instant now = this.clock.instant();
		PendingRegistration registration = new PendingRegistration(UUID.randomUUID().toString(), customer.id(),
				RandomTokens.next(), now.plus(this.settings.registration().lifetime()));
		this.transactions.executeWithoutResult((status) -> {
			this.registrations.insert(registration, now);
			dropOldest(customer.id(), now);
		});
		return discoveryData(registration, customer.username());
	}

	@Override
	public Optional<DiscoveryData> findOpen(String customerId, String deviceId) {
		return this.registrations.findOpen(deviceId, this.clock.instant())
			.filter((registration) -> registration.customerId().equals(customerId))
			.flatMap((registration) -> this.customers.findById(customerId)
				.map((customer) -> discoveryData(registration, customer.username())));
	}

	@Override
	public boolean deviceLimitReached(String customerId) {
		return this.devices.countActive(customerId) >= maxDevicesPerCustomer();
	}

	@Override
	public int maxDevicesPerCustomer() {
		return this.settings.registration().maxDevicesPerCustomer();
	}

	@Override
	public byte[] qrPng(DiscoveryData data) {
		return QrCodes.png(data.toJson());
	}

	@Override
	public Optional<String> wso2V1Json(DiscoveryData data) {
		if (!this.settings.wso2V1().enabled()) {
			return Optional.empty();
		}
		return Optional.of(Wso2V1DiscoveryData.of(data, this.settings).toJson());
	}

	@Override
	public Optional<byte[]> wso2V1QrPng(DiscoveryData data) {
		return wso2V1Json(data).map(QrCodes::png);
	}

	private void dropOldest(String customerId, Instant now) {
		List<String> open = this.registrations.findOpenDeviceIds(customerId, now);
		int cap = this.settings.registration().maxOpenPerCustomer();
		if (open.size() > cap) {
			this.registrations.delete(open.subList(cap, open.size()));
		}
	}

	private DiscoveryData discoveryData(PendingRegistration registration, String username) {
		return new DiscoveryData(registration.deviceId(), username, this.settings.publicBaseUrl(),
				this.settings.tenant(), registration.challenge(), registration.expiresAt());
	}

}
