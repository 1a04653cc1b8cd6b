package dev.ciba.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An automated accessibility audit of the page a browser shows: axe-core, fetched from
 * the npm registry by the build, is injected into the page by the test (the product never
 * serves it) and checks the WCAG 2.x A and AA rules it can check by machine: names and
 * roles of controls, labels, contrast, landmarks, language, headings.
 */
final class Accessibility {

	private static final String RUN = """
			const done = arguments[arguments.length - 1];
			axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
				.then(result => done(result.violations.map(v => ({
					id: v.id, impact: String(v.impact), help: v.help,
					targets: v.nodes.map(n => n.target.join(' ')).join(', ') }))))
				.catch(error => done([{ id: 'axe-error', impact: 'critical', help: String(error), targets: '' }]));
			""";

	private static String script;

	private Accessibility() {
	}

	/**
	 * Audits the current page and fails with the list of violations, if any.
	 * @param driver the browser showing the page
	 */
	static void assertNoViolations(WebDriver driver) {
		List<Map<String, Object>> violations = audit(driver);
		assertThat(violations).as("accessibility violations on %s:%n%s", driver.getCurrentUrl(), describe(violations))
			.isEmpty();
	}

	/**
	 * The violations axe-core finds on the current page: rule id, impact, help text and
	 * the elements concerned.
	 */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> audit(WebDriver driver) {
		JavascriptExecutor javascript = (JavascriptExecutor) driver;
		javascript.executeScript(script());
		return (List<Map<String, Object>>) javascript.executeAsyncScript(RUN);
	}

	private static String describe(List<Map<String, Object>> violations) {
		return violations.stream()
			.map((violation) -> "- " + violation.get("id") + " (" + violation.get("impact") + "): "
					+ violation.get("help") + " at " + violation.get("targets"))
			.collect(Collectors.joining(System.lineSeparator()));
	}

	private static synchronized String script() {
		if (script == null) {
			try {
				script = Files.readString(E2eSettings.axeScript(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return script;
	}

}
