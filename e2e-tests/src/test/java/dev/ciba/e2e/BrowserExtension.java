package dev.ciba.e2e;

import java.io.IOException;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method a {@link Browser} parameter, and after the test, passed or failed,
 * saves a screenshot of its final page as {@code <TestClass>-<testMethod>.png} and closes
 * the browser.
 */
final class BrowserExtension implements ParameterResolver, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(BrowserExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Browser.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		try {
			Browser browser = Browser.open();
			context.getStore(NAMESPACE).put(context.getUniqueId(), browser);
			return browser;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start Chromium", ex);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) throws IOException {
		Browser browser = context.getStore(NAMESPACE).remove(context.getUniqueId(), Browser.class);
		if (browser == null) {
			return;
		}
		try (browser) {
			browser.saveScreenshot(
					context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
		}
	}

}
