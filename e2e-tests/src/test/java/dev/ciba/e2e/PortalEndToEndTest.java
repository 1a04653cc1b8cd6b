package dev.ciba.e2e;

import java.util.List;

import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer portal in headless Chromium: logging in, registering a phone by its QR
 * code, a CIBA request showing up live in the activity list and then as approved,
 * revoking the grant of the client that got tokens, and the pages that go with them.
 * Every page is audited with axe-core at desktop and phone size, must not scroll sideways
 * on a phone, and each test leaves a screenshot of its last page in
 * {@code target/screenshots} (the README's pictures of the devices and activity pages are
 * these).
 */
class PortalEndToEndTest {

	@RegisterExtension
	static final PackagedServer server = new PackagedServer();

	@RegisterExtension
	final BrowserExtension browsers = new BrowserExtension();

	private static final Dimension DESKTOP = new Dimension(1280, 1024);

	private static final Dimension PHONE = new Dimension(390, 844);

	@Test
	void loginWhenPasswordWrongThenErrorAndWhenRightThenDevicesPage(Browser browser) throws Exception {
		WebDriver driver = browser.driver();
		driver.get(server.baseUrl() + "/portal/login");
		auditAtBothSizes(browser);
		driver.findElement(By.id("username")).sendKeys(Phones.USERNAME);
		driver.findElement(By.id("password")).sendKeys("not-the-password");
		driver.findElement(By.id("login")).click();
		browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
		auditAtBothSizes(browser);

		new Portal(browser, server.baseUrl()).logIn(Phones.USERNAME, Phones.PASSWORD);

		assertThat(driver.findElement(By.id("customer-username")).getText()).isEqualTo(Phones.USERNAME);
		assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
		auditAtBothSizes(browser);
		driver.findElement(By.id("language-switch")).click();
		browser.waiting().until(ExpectedConditions.textToBe(By.id("devices-heading"), "Ihre Telefone"));
		assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("de");
		auditAtBothSizes(browser);
		driver.findElement(By.id("language-switch")).click();
		browser.waiting().until(ExpectedConditions.textToBe(By.id("devices-heading"), "Your phones"));
		driver.findElement(By.id("logout")).click();
		browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("logout-message")));
		browser.saveScreenshot("portal-login");
	}

	@Test
	void registrationWhenPhoneScansTheQrCodeThenListedAndCanBeRenamedAndRemoved(Browser browser) throws Exception {
		Portal portal = new Portal(browser, server.baseUrl());
		portal.logIn(Phones.USERNAME, Phones.PASSWORD);
		WebDriver driver = browser.driver();
		driver.findElement(By.id("register-device")).click();
		WebElement countdown = browser.waiting()
			.until(ExpectedConditions.presenceOfElementLocated(By.id("expires-in")));
		String firstReading = countdown.getText();
		browser.waiting().until((d) -> !countdown.getText().equals(firstReading));
		assertThat(countdown.getText()).matches("\\(\\d+ seconds left\\)");
		assertThat(driver.findElement(By.id("expires-at-instant")).getText()).endsWith(" UTC");
		assertThat(driver.findElement(By.id("new-code")).isDisplayed()).isTrue();
		auditAtBothSizes(browser);
		portal.openDevices();

		Phone phone = Phones.registerAnotherThroughPortal(portal, "Kitchen phone", KeyType.EC);

		WebElement row = driver.findElement(By.id("device-" + phone.deviceId()));
		assertThat(row.findElement(By.className("device-protocol")).getText()).isEqualTo("Generation 2 (push)");
		assertThat(row.findElement(By.className("device-state")).getText()).isEqualTo("active");
		assertThat(row.findElement(By.className("device-last-used")).getText()).isEqualTo("never");
		auditAtBothSizes(browser);
		portal.renameDevice(phone.deviceId(), "Alice's <b>phone</b>");
		assertThat(driver.findElement(By.cssSelector("#device-" + phone.deviceId() + " .name")).getText())
			.isEqualTo("Alice's <b>phone</b>");
		Phone second = Phones.registerAnotherThroughPortal(portal, "Phone to remove", KeyType.RSA);
		portal.openRemovalConfirmation(second.deviceId());
		assertThat(driver.findElement(By.id("remove-device-name")).getText()).isEqualTo("Phone to remove");
		auditAtBothSizes(browser);
		portal.openDevices();
		portal.removeDevice(second.deviceId());
		assertThat(portal.deviceRow(second.deviceId())).isEmpty();
		assertThat(portal.deviceRow(phone.deviceId())).hasSize(1);
		browser.saveScreenshot("portal-devices");
	}

	@Test
	void activityWhenClientAsksAndPhoneApprovesThenRequestAppearsLiveAndThenApproved(Browser browser) throws Exception {
		Portal portal = new Portal(browser, server.baseUrl());
		Phone phone = Phones.registerThroughPortal(portal, "Activity phone", KeyType.EC);
		portal.openActivity();
		CibaClient client = CibaClient.discover(server.baseUrl());
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Order 4711 at Example Shop");
		assertThat(started.status()).isEqualTo(200);

		// No reload: the page's script refreshes the list of pending requests.
		WebElement pending = browser.waiting()
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#pending-list .binding-message")));
		assertThat(pending.getText()).isEqualTo("Order 4711 at Example Shop");
		assertThat(browser.driver().findElement(By.cssSelector("#pending-list .client-name")).getText())
			.isEqualTo(CibaClient.CLIENT_NAME);
		auditAtBothSizes(browser);
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);
		assertThat(client.polling(started.acknowledgement()).pollUntilDecided().status()).isEqualTo(200);
		browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("no-pending")));
		portal.openActivity();

		WebElement entry = browser.driver().findElement(By.id("activity-0"));
		assertThat(entry.findElement(By.className("binding-message")).getText())
			.isEqualTo("Order 4711 at Example Shop");
		assertThat(entry.findElement(By.className("outcome")).getText()).isEqualTo("approved");
		assertThat(entry.findElement(By.className("device")).getText()).isEqualTo("Activity phone");
		assertThat(entry.findElements(By.cssSelector(".scopes li"))).extracting(WebElement::getText)
			.containsExactly("Confirm who you are", "Your name and profile", "Your e-mail address");
		auditAtBothSizes(browser);
		browser.saveScreenshot("portal-activity");
	}

	@Test
	void grantsWhenCustomerRevokesTheClientsTokensThenIntrospectionSaysInactive(Browser browser) throws Exception {
		Portal portal = new Portal(browser, server.baseUrl());
		Phone phone = Phones.registerThroughPortal(portal, "Grant phone", KeyType.EC);
		CibaClient client = CibaClient.discover(server.baseUrl());
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Link your account");
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);
		TokenAnswer tokens = client.polling(started.acknowledgement()).pollUntilDecided();
		assertThat(client.isActive(tokens.tokens().getAccessToken())).isTrue();
		portal.openGrants();
		WebElement grant = browser.driver().findElement(By.id("grant-0"));
		assertThat(grant.findElement(By.className("client-name")).getText()).isEqualTo(CibaClient.CLIENT_NAME);
		auditAtBothSizes(browser);

		WebElement revoke = browser.driver().findElement(By.id("revoke-0"));
		revoke.click();
		browser.waiting().until(ExpectedConditions.stalenessOf(revoke));

		browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("no-grants")));
		assertThat(browser.driver().findElement(By.id("flash-message")).getText())
			.isEqualTo("The access was revoked. The partner must ask you again.");
		assertThat(client.isActive(tokens.tokens().getAccessToken())).isFalse();
		if (tokens.tokens().getRefreshToken() != null) {
			assertThat(client.isActive(tokens.tokens().getRefreshToken())).isFalse();
		}
		auditAtBothSizes(browser);
		browser.saveScreenshot("portal-grants");
	}

	@Test
	void userCodeAndErrorPagesWhenOpenedThenAccessibleAndTranslated(Browser browser) throws Exception {
		Portal portal = new Portal(browser, server.baseUrl());
		portal.logIn(Phones.USERNAME, Phones.PASSWORD);
		portal.open("/portal/user-code", "user-code-heading");
		auditAtBothSizes(browser);
		browser.driver().findElement(By.id("new-code")).sendKeys("code-2468");
		browser.driver().findElement(By.id("confirmation")).sendKeys("code-2468");
		browser.driver().findElement(By.id("save-user-code")).click();
		browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("flash-message")));

		portal.open("/portal/devices/no-such-device/remove", "error-heading");

		assertThat(browser.driver().findElement(By.id("error-heading")).getText()).isEqualTo("Page not found");
		assertThat(browser.driver().getPageSource()).doesNotContain("Exception");
		auditAtBothSizes(browser);
		portal.open("/portal/devices/no-such-device/remove?lang=de", "error-heading");
		assertThat(browser.driver().findElement(By.id("error-heading")).getText()).isEqualTo("Seite nicht gefunden");
		auditAtBothSizes(browser);
		browser.saveScreenshot("portal-error");
	}

	/**
	 * Audits the page at desktop and phone size; on the phone, the page must fit the
	 * screen's width without scrolling sideways.
	 */
	private static void auditAtBothSizes(Browser browser) {
		WebDriver driver = browser.driver();
		Accessibility.assertNoViolations(driver);
		driver.manage().window().setSize(PHONE);
		try {
			Object widths = ((JavascriptExecutor) driver)
				.executeScript("return [document.documentElement.scrollWidth, window.innerWidth];");
			List<?> pair = (List<?>) widths;
			assertThat(((Number) pair.get(0)).longValue()).as("page width on a phone at " + driver.getCurrentUrl())
				.isLessThanOrEqualTo(((Number) pair.get(1)).longValue());
			Accessibility.assertNoViolations(driver);
		}
		finally {
			driver.manage().window().setSize(DESKTOP);
		}
	}

}
