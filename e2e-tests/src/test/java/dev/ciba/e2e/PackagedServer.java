package dev.ciba.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import dev.ciba.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One packaged server per test class, on a fresh PostgreSQL database and a free port.
 * Register it as a static field with {@code @RegisterExtension}. When a test fails, the
 * end of the server's log is printed next to the failure.
 */
final class PackagedServer implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

	private final ServerProcess.Launch launch;

	private TestDatabase database;

	private ServerProcess process;

	/**
	 * The server as {@code java -jar} in the {@code demo} profile.
	 */
	PackagedServer() {
		this(ServerProcess.Launch.DEMO);
	}

	/**
	 * The server launched as described.
	 */
	PackagedServer(ServerProcess.Launch launch) {
		this.launch = launch;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.database = TestDatabase.create();
		String logName = context.getRequiredTestClass().getSimpleName() + "-server.log";
		this.process = ServerProcess.start(this.database, freePort(), E2eSettings.logDirectory().resolve(logName),
				this.launch);
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		try {
			if (this.process != null) {
				this.process.stop();
			}
		}
		finally {
			if (this.database != null) {
				this.database.close();
			}
		}
	}

	@Override
	public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
		if (this.process != null) {
			System.err.println("The end of the server log " + this.process.logFile() + " after the failure of "
					+ context.getDisplayName() + ":" + System.lineSeparator() + this.process.logTail());
		}
		throw failure;
	}

	/**
	 * The issuer and base URL of the running server.
	 */
	String baseUrl() {
		return this.process.baseUrl();
	}

	/**
	 * Stops the server process and starts it again on the same database and port.
	 */
	void restart() throws IOException {
		this.process.restart();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
