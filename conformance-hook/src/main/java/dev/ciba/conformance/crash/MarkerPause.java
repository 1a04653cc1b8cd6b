package dev.ciba.conformance.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A pause driven by marker files in a directory: while {@code pause-<name>} exists, the
 * caller waits, after creating {@code <name>-paused} to say so.
 */
final class MarkerPause {

	/**
	 * The longest one pause lasts, so that a forgotten marker cannot hold a server for
	 * good.
	 */
	private static final Duration LIMIT = Duration.ofSeconds(60);

	private static final Duration CHECK_PAUSE = Duration.ofMillis(50);

	private final Path pauseFile;

	private final Path pausedFile;

	MarkerPause(Path directory, String name) {
		this.pauseFile = directory.resolve("pause-" + name);
		this.pausedFile = directory.resolve(name + "-paused");
	}

	/**
	 * Waits while the pause marker exists; returns at once if it does not.
	 */
	void awaitIfPaused() {
		if (!Files.exists(this.pauseFile)) {
			return;
		}
		try {
			Files.writeString(this.pausedFile, Instant.now().toString());
			Instant deadline = Instant.now().plus(LIMIT);
			while (Files.exists(this.pauseFile) && Instant.now().isBefore(deadline)) {
				Thread.sleep(CHECK_PAUSE.toMillis());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
