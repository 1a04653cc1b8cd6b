package dev.ciba.e2e;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ciba.simulator.QrCodes;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The customer portal as a browser sees it: the login form, the devices page and the
 * registration page, addressed by the element ids the portal promises to keep.
 */
final class Portal {

	private static final Pattern REGISTRATION_PATH = Pattern.compile("/portal/devices/registrations/([^/?#]+)$");

	private final Browser browser;

	private final String baseUrl;

	Portal(Browser browser, String baseUrl) {
		this.browser = browser;
		this.baseUrl = baseUrl;
	}

	/**
	 * Logs in through the form and waits for the devices page.
	 */
	void logIn(String username, String password) {
		driver().get(this.baseUrl + "/portal/login");
		driver().findElement(By.id("username")).sendKeys(username);
		driver().findElement(By.id("password")).sendKeys(password);
		driver().findElement(By.id("login")).click();
		this.browser.waiting().until(ExpectedConditions.urlToBe(devicesUrl()));
	}

	/**
	 * Clicks "register a new phone" on the devices page and reads the registration page:
	 * the QR code as the browser renders it and the JSON shown under it.
	 */
	Registration registerDevice() {
		return registerDevice("qr-code", "discovery-json");
	}

	/**
	 * Clicks "register a new phone" and reads the registration page's second code, the
	 * one of generation 1 of the WSO2 protocol (shown only while its compatibility
	 * profile is on).
	 */
	Registration registerDeviceWso2V1() {
		return registerDevice("qr-code-wso2-v1", "discovery-json-wso2-v1");
	}

	/**
	 * Opens the page of a registration already opened and reads its generation-1 code.
	 */
	Registration showRegistrationWso2V1(String deviceId) {
		driver().get(this.baseUrl + "/portal/devices/registrations/" + deviceId);
		return readRegistration("qr-code-wso2-v1", "discovery-json-wso2-v1");
	}

	private Registration registerDevice(String qrCodeId, String jsonId) {
		driver().findElement(By.id("register-device")).click();
		return readRegistration(qrCodeId, jsonId);
	}

	private Registration readRegistration(String qrCodeId, String jsonId) {
		this.browser.waiting().until(ExpectedConditions.urlMatches(REGISTRATION_PATH.pattern()));
		Matcher path = REGISTRATION_PATH.matcher(driver().getCurrentUrl());
		if (!path.find()) {
			throw new IllegalStateException("Not a registration page: " + driver().getCurrentUrl());
		}
		WebElement qrCode = this.browser.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id(qrCodeId)));
		this.browser.waiting().until((driver) -> isLoaded(qrCode));
		// An element screenshot shows only what is in the viewport; the second code sits
		// below the fold.
		((JavascriptExecutor) driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", qrCode);
		// A screenshot taken while the image is still being painted (seen under heavy
		// load) does not decode: take another until one does, within the usual patience.
		String scanned = this.browser.waiting().until((driver) -> scan(qrCode));
		String json = driver().findElement(By.id(jsonId)).getDomProperty("textContent");
		return new Registration(path.group(1), scanned, json);
	}

	// The text of the QR code as a phone's camera would read it from the rendered page,
	// or null (so the wait tries again) when this screenshot shows no readable code.
	private static String scan(WebElement qrCode) {
		try {
			return QrCodes.decode(qrCode.getScreenshotAs(OutputType.BYTES));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Opens the devices page.
	 */
	void openDevices() {
		driver().get(devicesUrl());
		this.browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("devices-heading")));
	}

	/**
	 * The devices table's rows for a device: one if it is listed, none if not.
	 */
	List<WebElement> deviceRow(String deviceId) {
		return driver().findElements(By.id("device-" + deviceId));
	}

	/**
	 * Clicks the remove link of a device, confirms on the page that asks, and waits for
	 * the devices page to come back.
	 */
	void removeDevice(String deviceId) {
		openRemovalConfirmation(deviceId);
		WebElement confirm = driver().findElement(By.id("confirm-remove"));
		confirm.click();
		this.browser.waiting().until(ExpectedConditions.stalenessOf(confirm));
		this.browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("devices-heading")));
	}

	/**
	 * Clicks the remove link of a device and waits for the page that asks for
	 * confirmation.
	 */
	void openRemovalConfirmation(String deviceId) {
		driver().findElement(By.id("remove-" + deviceId)).click();
		this.browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("confirm-remove")));
	}

	/**
	 * Renames a device through its rename page and waits for the devices page.
	 */
	void renameDevice(String deviceId, String name) {
		driver().findElement(By.id("rename-" + deviceId)).click();
		WebElement field = this.browser.waiting()
			.until(ExpectedConditions.presenceOfElementLocated(By.id("device-name")));
		field.clear();
		field.sendKeys(name);
		driver().findElement(By.id("save-name")).click();
		this.browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("devices-heading")));
	}

	/**
	 * Opens a portal page by its path and waits for the element that marks it.
	 */
	void open(String path, String markerId) {
		driver().get(this.baseUrl + path);
		this.browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id(markerId)));
	}

	/**
	 * Opens the activity page.
	 */
	void openActivity() {
		open("/portal/activity", "activity-heading");
	}

	/**
	 * Opens the grants page.
	 */
	void openGrants() {
		open("/portal/grants", "grants-heading");
	}

	private String devicesUrl() {
		return this.baseUrl + "/portal/devices";
	}

	private WebDriver driver() {
		return this.browser.driver();
	}

	private boolean isLoaded(WebElement image) {
		Object loaded = ((JavascriptExecutor) driver())
			.executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", image);
		return Boolean.TRUE.equals(loaded);
	}

	/**
	 * What the registration page showed.
	 *
	 * @param deviceId the device id in the page's path
	 * @param scannedQr the text decoded from a screenshot of the QR code element as
	 * rendered
	 * @param discoveryJson the text of the JSON block
	 */
	record Registration(String deviceId, String scannedQr, String discoveryJson) {
	}

}
