package dev.ciba.push.auth;

import java.time.Instant;
import java.util.Optional;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.outbox.PushMessage;
import dev.ciba.push.outbox.PushMessageSource;

import org.springframework.stereotype.Component;

/**
 * Builds the push of an outbox row from the current push authentication, device and
 * customer, so that a retry never sends a request that has ended or a token that was
 * replaced. A device gets the push data of its protocol generation; a generation-1 device
 * gets nothing while that generation's profile is off (it could not answer).
 */
@Component
public class PushAuthMessages implements PushMessageSource {

	/**
	 * The notification's title.
	 */
	static final String TITLE = "Sign-in request";

	private final PushAuthRepository pushAuths;

	private final DeviceRepository devices;

	private final CustomerDirectory customers;

	private final PushChannelSettings settings;

	public PushAuthMessages(PushAuthRepository pushAuths, DeviceRepository devices, CustomerDirectory customers,
			PushChannelSettings settings) {
		this.pushAuths = pushAuths;
		this.devices = devices;
		this.customers = customers;
		this.settings = settings;
	}

	@Override
	public Optional<PushMessage> messageFor(String pushAuthId, String deviceId, Instant now) {
		Optional<PushAuthRecord> pushAuth = this.pushAuths.findById(pushAuthId).filter((auth) -> auth.openAt(now));
		Optional<Device> device = this.devices.findById(deviceId)
			.filter((candidate) -> candidate.active() && !candidate.pullOnly() && reachable(candidate));
		Optional<CustomerRef> customer = pushAuth.flatMap((auth) -> this.customers.findById(auth.customerId()))
			.filter(CustomerRef::enabled);
		if (pushAuth.isEmpty() || device.isEmpty() || customer.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(message(pushAuth.get(), device.get(), customer.get().username()));
	}

	private boolean reachable(Device device) {
		return device.protocol() != DeviceProtocol.WSO2_PUSH_AUTH || this.settings.wso2V1().enabled();
	}

	private PushMessage message(PushAuthRecord pushAuth, Device device, String username) {
		if (device.protocol() == DeviceProtocol.WSO2_PUSH_AUTH) {
			return new PushMessage(device.id(), device.pushToken(),
					Wso2V1PushData.of(pushAuth, device.id(), username, this.settings), TITLE,
					Wso2V1PushData.body(pushAuth, username));
		}
		// The summary (a payment's amount and creditor) helps the customer decide from
		// the
		// lock screen; the number of number matching is never in the notification.
		String summary = pushAuth.display().summary();
		String body = (summary != null) ? pushAuth.clientName() + " asks you to approve: " + summary
				: pushAuth.clientName() + " asks you to approve a sign-in";
		return new PushMessage(device.id(), device.pushToken(),
				PushData.of(pushAuth, device.id(), username, this.settings), TITLE, body);
	}

}
