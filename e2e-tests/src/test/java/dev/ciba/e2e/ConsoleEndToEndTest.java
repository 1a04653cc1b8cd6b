package dev.ciba.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console in a browser: an operator logs in, creates a ping client in the
 * form (whose secret, shown once, a CIBA client then uses for a whole flow with a phone
 * and a ping), and disables a customer (whose pending request ends for the polling client
 * and whose new requests are refused). Every console page passes the accessibility audit
 * and fits a phone-sized window.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleEndToEndTest {

	private static final String OPERATOR = "operator";

	private static final String OPERATOR_PASSWORD = "operator-demo-password";

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final Path DIRECTORY = temporaryDirectory();

	private static final ReceiverCertificate CERTIFICATE = certificate();

	/**
	 * The demo profile with the notification receiver on 127.0.0.1 allowed (a development
	 * setting) and trusted.
	 */
	@RegisterExtension
	static final PackagedServer server = new PackagedServer(
			new ServerProcess.Launch(List.of("demo"), CERTIFICATE.trustStoreJvmOptions(), List.of(),
					List.of("--ciba.delivery.allow-insecure-endpoints=true", "--ciba.delivery.poll-delay=200ms")));

	@RegisterExtension
	final BrowserExtension browsers = new BrowserExtension();

	@AfterAll
	static void deleteCertificate() throws IOException {
		TempFiles.deleteRecursively(DIRECTORY);
	}

	@Test
	@Order(1)
	void operatorWhenCreatingAPingClientThenItsSecretShownOnceCompletesAFlowWithAPing(Browser browser)
			throws Exception {
		WebDriver driver = browser.driver();
		Phone phone = Phone.register(
				PortalSession.logIn(server.baseUrl(), Phones.USERNAME, Phones.PASSWORD).discoveryData(),
				"Console phone", KeyType.EC, Phone.newHttpClient());
		try (NotificationReceiver receiver = NotificationReceiver.start(CERTIFICATE)) {
			logIn(browser);
			checkPage(driver);
			click(browser, By.id("new-client"), By.id("clientName"));
			checkPage(driver);
			driver.findElement(By.id("clientName")).sendKeys("<b>Console</b> Partner");
			driver.findElement(By.id("scope")).clear();
			driver.findElement(By.id("scope")).sendKeys("openid profile");
			new Select(driver.findElement(By.id("deliveryMode"))).selectByValue("ping");
			driver.findElement(By.id("notificationEndpoint")).sendKeys(receiver.url("/console-ping"));
			click(browser, By.id("save-client"), By.id("client-secret"));

			String secret = driver.findElement(By.id("client-secret")).getText();
			String clientId = driver.findElement(By.id("client-id")).getText();
			assertThat(driver.findElement(By.id("client-heading")).getText()).isEqualTo("<b>Console</b> Partner");
			assertThat(driver.findElements(By.cssSelector("#client-heading b"))).isEmpty();
			assertThat(secret).hasSize(43);
			checkPage(driver);
			browser.saveScreenshot("console-client-created");
			driver.navigate().refresh();
			assertThat(driver.findElements(By.id("client-secret"))).isEmpty();
			assertThat(driver.getPageSource()).doesNotContain(secret);

			CibaClient client = CibaClient.discover(server.baseUrl(), clientId, secret);
			String notificationToken = "console-" + UUID.randomUUID();
			CibaClient.BackchannelAnswer started = client.startNotifiedRequest(Phones.USERNAME, "Console flow",
					notificationToken);
			assertThat(started.status()).isEqualTo(200);
			AuthRequestID authReqId = started.acknowledgement().getAuthRequestID();
			PendingRequest pending = phone.pending().get(0);
			assertThat(pending.applicationName()).isEqualTo("<b>Console</b> Partner");
			assertThat(phone.approve(pending).status()).isEqualTo(200);
			NotificationReceiver.Notification ping = receiver.await("/console-ping", authReqId.getValue(), WAIT);
			TokenAnswer tokens = client.redeem(authReqId);

			assertThat(ping.authorization()).isEqualTo("Bearer " + notificationToken);
			assertThat(tokens.status()).isEqualTo(200);
			click(browser, By.id("nav-clients"), By.id("clients-table"));
			assertThat(driver.findElement(By.id("clients-table")).getText()).contains("<b>Console</b> Partner");
			checkPage(driver);
			click(browser, By.id("nav-deliveries"), By.id("deliveries-heading"));
			checkPage(driver);
			browser.saveScreenshot("console-deliveries");
		}
	}

	@Test
	@Order(2)
	void operatorWhenDisablingACustomerThenThePendingRequestEndsAndNewOnesAreRefused(Browser browser) throws Exception {
		WebDriver driver = browser.driver();
		Portal portal = new Portal(browser, server.baseUrl());
		portal.logIn(Phones.USERNAME, Phones.PASSWORD);
		driver.get(server.baseUrl() + "/console/clients");
		assertThat(driver.findElement(By.id("error-heading")).getText()).isNotBlank();
		assertThat(driver.findElements(By.id("clients-table"))).isEmpty();
		checkPage(driver);
		Phone phone = Phone.register(
				PortalSession.logIn(server.baseUrl(), Phones.USERNAME, Phones.PASSWORD).discoveryData(),
				"Phone of a customer to disable", KeyType.RSA, Phone.newHttpClient());
		CibaClient client = CibaClient.discover(server.baseUrl());
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Before disabling");
		assertThat(started.status()).isEqualTo(200);
		assertThat(phone.pending()).isNotEmpty();

		logIn(browser);
		click(browser, By.id("nav-customers"), By.id("search-form"));
		checkPage(driver);
		driver.findElement(By.id("q")).sendKeys("ALICE@example");
		click(browser, By.id("search"), By.id("customers-table"));
		checkPage(driver);
		click(browser, By.linkText(Phones.USERNAME), By.id("customer-heading"));
		checkPage(driver);
		click(browser, By.id("disable-customer"), By.id("disabled-message"));

		assertThat(driver.findElement(By.id("disabled-message")).getText()).contains("1");
		assertThat(driver.findElement(By.id("customer-status")).getText()).isEqualTo("Disabled");
		checkPage(driver);
		browser.saveScreenshot("console-customer-disabled");
		TokenAnswer ended = client.redeem(started.acknowledgement().getAuthRequestID());
		assertThat(ended.status()).isEqualTo(400);
		assertThat(ended.errorCode()).isEqualTo("access_denied");
		CibaClient.BackchannelAnswer refused = client.startRequest(Phones.USERNAME, "After disabling");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.errorCode()).isEqualTo("unknown_user_id");
		assertThat(phone.pending()).isEmpty();
	}

	private static void logIn(Browser browser) {
		WebDriver driver = browser.driver();
		driver.get(server.baseUrl() + "/console/login");
		checkPage(driver);
		driver.findElement(By.id("username")).sendKeys(OPERATOR);
		driver.findElement(By.id("password")).sendKeys(OPERATOR_PASSWORD);
		driver.findElement(By.id("login")).click();
		browser.waiting().until(ExpectedConditions.urlToBe(server.baseUrl() + "/console/clients"));
	}

	/**
	 * Clicks and waits for an element of the page the click leads to.
	 */
	private static void click(Browser browser, By target, By onNextPage) {
		browser.driver().findElement(target).click();
		browser.waiting().until(ExpectedConditions.presenceOfElementLocated(onNextPage));
	}

	/**
	 * The accessibility audit, and no horizontal scrolling in a phone-sized window.
	 */
	private static void checkPage(WebDriver driver) {
		Accessibility.assertNoViolations(driver);
		Dimension size = driver.manage().window().getSize();
		try {
			driver.manage().window().setSize(new Dimension(390, 844));
			Object fits = ((JavascriptExecutor) driver)
				.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
			assertThat(fits).as("fits a phone-sized window: " + driver.getCurrentUrl()).isEqualTo(Boolean.TRUE);
		}
		finally {
			driver.manage().window().setSize(size);
		}
	}

	private static Path temporaryDirectory() {
		try {
			return Files.createTempDirectory("ciba-console-e2e-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ReceiverCertificate certificate() {
		try {
			return ReceiverCertificate.generate(DIRECTORY);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
