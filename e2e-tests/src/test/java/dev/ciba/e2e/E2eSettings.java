package dev.ciba.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find the server jar and put their screenshots and logs: system
 * properties set by the build, with defaults for a run from the module directory.
 */
final class E2eSettings {

	private static final String SERVER_JAR = "ciba.server.jar";

	private static final String CONFORMANCE_HOOK_JAR = "ciba.conformance-hook.jar";

	private static final String SCREENSHOTS = "ciba.screenshots";

	private static final String LOGS = "ciba.logs";

	private static final String AXE_SCRIPT = "ciba.axe.script";

	private E2eSettings() {
	}

	/**
	 * The packaged server, checked to exist.
	 */
	static Path serverJar() {
		Path jar = Path.of(System.getProperty(SERVER_JAR, "../auth-server/target/auth-server.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("The server jar " + jar.toAbsolutePath()
					+ " does not exist; build it first with ./mvnw -pl auth-server -am package -DskipTests");
		}
		return jar.toAbsolutePath();
	}

	/**
	 * The test-only approval hook module, checked to exist.
	 */
	static Path conformanceHookJar() {
		Path jar = Path.of(System.getProperty(CONFORMANCE_HOOK_JAR, "../conformance-hook/target/conformance-hook.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("The conformance hook jar " + jar.toAbsolutePath()
					+ " does not exist; build it first with ./mvnw -pl conformance-hook -am package -DskipTests");
		}
		return jar.toAbsolutePath();
	}

	/**
	 * The directory for browser screenshots.
	 */
	static Path screenshotDirectory() {
		return Path.of(System.getProperty(SCREENSHOTS, "target/screenshots")).toAbsolutePath();
	}

	/**
	 * The directory for the servers' output.
	 */
	static Path logDirectory() {
		return Path.of(System.getProperty(LOGS, "target/e2e-logs")).toAbsolutePath();
	}

	/**
	 * The accessibility engine's script, fetched from the npm registry by the build.
	 */
	static Path axeScript() {
		Path script = Path.of(System.getProperty(AXE_SCRIPT, "target/axe/node_modules/axe-core/axe.min.js"))
			.toAbsolutePath();
		if (!Files.isRegularFile(script)) {
			throw new IllegalStateException("No axe-core script at " + script + ": run the module's Maven build once");
		}
		return script;
	}

}
