package dev.ciba.e2e;

import dev.ciba.simulator.DiscoveryData;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.Wso2V1DiscoveryData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registers a simulated phone the way a customer does: the portal shows a QR code, the
 * phone scans it (here: decodes the browser's rendering of it) and registers its key.
 */
final class Phones {

	static final String USERNAME = "alice";

	static final String EMAIL = "alice@example.com";

	static final String PASSWORD = "alice-demo-password";

	private Phones() {
	}

	/**
	 * Logs alice in, registers a new pull-only phone from the QR code on the page and
	 * checks that the devices page lists it. The browser is left on the devices page.
	 */
	static Phone registerThroughPortal(Portal portal, String deviceName, KeyType keyType) {
		portal.logIn(USERNAME, PASSWORD);
		return registerAnotherThroughPortal(portal, deviceName, keyType);
	}

	/**
	 * Registers one more phone for the customer logged in to the portal, starting from
	 * the devices page, where the browser is left.
	 */
	static Phone registerAnotherThroughPortal(Portal portal, String deviceName, KeyType keyType) {
		return registerAnotherThroughPortal(portal, deviceName, keyType, null);
	}

	/**
	 * Logs alice in and registers a new pull-only phone from the QR code on the page, as
	 * {@link #registerThroughPortal(Portal, String, KeyType)} does, but the phone calls
	 * {@code reachedAt} instead of the QR code's {@code host}: one node of a cluster
	 * whose public address (the load balancer's) the test cannot reach. The browser is
	 * left on the devices page.
	 */
	static Phone registerThroughPortal(Portal portal, String deviceName, KeyType keyType, String reachedAt) {
		portal.logIn(USERNAME, PASSWORD);
		return registerAnotherThroughPortal(portal, deviceName, keyType, reachedAt);
	}

	/**
	 * The discovery data with {@code host} replaced: what a phone would see behind a load
	 * balancer that sent it to that node.
	 */
	static DiscoveryData reachedAt(DiscoveryData data, String baseUrl) {
		return new DiscoveryData(data.deviceId(), data.username(), baseUrl, data.tenantDomain(), data.challenge());
	}

	private static Phone registerAnotherThroughPortal(Portal portal, String deviceName, KeyType keyType,
			String reachedAt) {
		Portal.Registration registration = portal.registerDevice();
		String scanned = registration.scannedQr();
		assertThat(scanned).isEqualTo(registration.discoveryJson().strip());
		DiscoveryData data = DiscoveryData.parse(scanned);
		assertThat(data.deviceId()).isEqualTo(registration.deviceId());
		if (reachedAt != null) {
			data = reachedAt(data, reachedAt);
		}

		Phone phone = Phone.register(data, deviceName, keyType, Phone.newHttpClient());

		portal.openDevices();
		assertThat(portal.deviceRow(phone.deviceId())).hasSize(1);
		return phone;
	}

	/**
	 * Logs alice in and registers a new pull-only phone of generation 1 of the WSO2
	 * protocol from the page's second QR code, as the "WSO2 Verify" app would; checks
	 * that the devices page lists it. The browser is left on the devices page.
	 */
	static Phone registerThroughPortalWso2V1(Portal portal, String deviceName, KeyType keyType) {
		portal.logIn(USERNAME, PASSWORD);
		Portal.Registration registration = portal.registerDeviceWso2V1();
		String scanned = registration.scannedQr();
		assertThat(scanned).isEqualTo(registration.discoveryJson().strip());
		Wso2V1DiscoveryData data = Wso2V1DiscoveryData.parse(scanned);
		assertThat(data.did()).isEqualTo(registration.deviceId());

		Phone phone = Phone.register(data, deviceName, keyType, Phone.newHttpClient());

		portal.openDevices();
		assertThat(portal.deviceRow(phone.deviceId())).hasSize(1);
		return phone;
	}

}
