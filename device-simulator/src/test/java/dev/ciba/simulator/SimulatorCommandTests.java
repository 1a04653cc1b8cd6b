package dev.ciba.simulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What tests of the command line share: a fake device API, a state file in a fresh
 * directory, and the simulator's standard output and error caught as text.
 */
abstract class SimulatorCommandTests {

	@TempDir
	Path directory;

	FakeDeviceServer server;

	Path state;

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void startServer() throws Exception {
		this.server = FakeDeviceServer.start();
		this.state = this.directory.resolve("phone.json");
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	int run(String... args) {
		DeviceSimulator simulator = new DeviceSimulator(Phone.newHttpClient(), TestPhones.CLOCK);
		return simulator.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	String stdout() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	String stderr() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
