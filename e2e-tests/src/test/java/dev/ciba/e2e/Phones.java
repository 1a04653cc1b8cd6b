package dev.ciba.e2e;

import dev.ciba.simulator.DiscoveryData;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.QrCodes;
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
		Portal.Registration registration = portal.registerDevice();
		String scanned = QrCodes.decode(registration.qrScreenshot());
		assertThat(scanned).isEqualTo(registration.discoveryJson().strip());
		DiscoveryData data = DiscoveryData.parse(scanned);
		assertThat(data.deviceId()).isEqualTo(registration.deviceId());

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
		String scanned = QrCodes.decode(registration.qrScreenshot());
		assertThat(scanned).isEqualTo(registration.discoveryJson().strip());
		Wso2V1DiscoveryData data = Wso2V1DiscoveryData.parse(scanned);
		assertThat(data.did()).isEqualTo(registration.deviceId());

		Phone phone = Phone.register(data, deviceName, keyType, Phone.newHttpClient());

		portal.openDevices();
		assertThat(portal.deviceRow(phone.deviceId())).hasSize(1);
		return phone;
	}

}
