package dev.ciba.e2e;

import java.util.List;

import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.ServerAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A phone the customer removes in the portal is refused at once, and a customer without
 * phones cannot be asked to authenticate.
 */
class DeviceRemovalEndToEndTest {

	@RegisterExtension
	static final PackagedServer server = new PackagedServer();

	@RegisterExtension
	final BrowserExtension browsers = new BrowserExtension();

	@Test
	void removeWhenCustomerRemovesOnlyPhoneThenPhoneIsRefusedAndRequestsAreAccessDenied(Browser browser)
			throws Exception {
		Portal portal = new Portal(browser, server.baseUrl());
		Phone phone = Phones.registerThroughPortal(portal, "Phone to remove", KeyType.RSA);
		CibaClient client = CibaClient.discover(server.baseUrl());
		assertThat(client.startRequest(Phones.USERNAME, "Before the removal").status()).isEqualTo(200);
		List<PendingRequest> pendingBefore = phone.pending();
		assertThat(pendingBefore).hasSize(1);

		portal.removeDevice(phone.deviceId());

		assertThat(portal.deviceRow(phone.deviceId())).isEmpty();
		assertThat(browser.driver().findElements(By.id("flash-message"))).hasSize(1);
		assertThat(browser.driver().findElements(By.id("no-devices"))).hasSize(1);
		Accessibility.assertNoViolations(browser.driver());
		ServerAnswer pendingAfter = phone.fetchPending(phone.signJwt(phone.pendingClaims()));
		assertThat(pendingAfter.status()).isBetween(400, 499);
		assertThat(pendingAfter.error()).isNotBlank();
		assertThat(phone.approve(pendingBefore.get(0)).status()).isBetween(400, 499);
		CibaClient.BackchannelAnswer refused = client.startRequest(Phones.USERNAME, "After the removal");
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.errorCode()).isEqualTo("access_denied");
	}

}
