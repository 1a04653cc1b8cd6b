package dev.ciba.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the system, driven by the system's ChromeDriver. Nothing is
 * downloaded: the driver and the browser are named explicitly, so Selenium Manager never
 * runs. Every browser gets a fresh profile directory that {@link #close()} deletes.
 */
final class Browser implements AutoCloseable {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	/*
	 * The first group is what the tests need to run headless in a container; the second
	 * keeps the browser from calling any host but the server under test.
	 */
	private static final String[] ARGUMENTS = { "--headless=new", "--no-sandbox", "--disable-gpu",
			"--disable-dev-shm-usage", "--window-size=1280,1024", "--no-first-run", "--no-default-browser-check",
			"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
			"--disable-client-side-phishing-detection", "--disable-domain-reliability",
			"--safebrowsing-disable-auto-update", "--no-pings", "--metrics-recording-only",
			"--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider" };

	/*
	 * Selenium looks for DevTools bindings matching the browser and warns when the
	 * system's Chromium is newer than any it ships; these tests never use DevTools. Held
	 * in a field because java.util.logging keeps loggers only weakly.
	 */
	private static final Logger DEVTOOLS_LOGGER = quietDevToolsLogger();

	private final ChromeDriver driver;

	private final Path profileDirectory;

	private Browser(ChromeDriver driver, Path profileDirectory) {
		this.driver = driver;
		this.profileDirectory = profileDirectory;
	}

	/**
	 * Starts a browser with an empty profile.
	 */
	static Browser open() throws IOException {
		Path profile = Files.createTempDirectory("ciba-e2e-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments(ARGUMENTS);
		options.addArguments("--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		try {
			return new Browser(new ChromeDriver(service, options), profile);
		}
		catch (RuntimeException ex) {
			TempFiles.deleteRecursively(profile);
			throw ex;
		}
	}

	private static Logger quietDevToolsLogger() {
		Logger logger = Logger.getLogger("org.openqa.selenium.devtools");
		logger.setLevel(Level.SEVERE);
		return logger;
	}

	WebDriver driver() {
		return this.driver;
	}

	/**
	 * A wait of a few seconds, for pages and images to arrive.
	 */
	WebDriverWait waiting() {
		return new WebDriverWait(this.driver, PATIENCE);
	}

	/**
	 * Saves a PNG of the whole page in the screenshot directory.
	 * @param name the file name without extension
	 * @return the file written
	 */
	Path saveScreenshot(String name) throws IOException {
		Path directory = E2eSettings.screenshotDirectory();
		Files.createDirectories(directory);
		Path file = directory.resolve(name + ".png");
		Files.write(file, this.driver.getScreenshotAs(OutputType.BYTES));
		return file;
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			TempFiles.deleteRecursively(this.profileDirectory);
		}
	}

}
