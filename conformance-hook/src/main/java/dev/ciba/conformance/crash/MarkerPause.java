package dev.ciba.conformance.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A pause driven by marker files in a directory: while {@code pause-<name>} exists, or
 * {@code pause-<name>-<node>} for this node alone, the caller waits, after creating
 * {@code <name>-paused} and {@code <name>-paused-<node>} to say so. The node is the
 * server's process id, so that a test running several nodes on one directory can stop one
 * of them and learn which one stopped.
 */
final class MarkerPause {

	/**
	 * The longest one pause lasts, so that a forgotten marker cannot hold a server for
	 * good.
	 */
	private static final Duration LIMIT = Duration.ofSeconds(60);

	private static final Duration CHECK_PAUSE = Duration.ofMillis(50);

	private final Path pauseFile;

	private final Path nodePauseFile;

	private final Path pausedFile;

	private final Path nodePausedFile;

	/**
	 * A pause of this process.
	 */
	MarkerPause(Path directory, String name) {
		this(directory, name, ProcessHandle.current().pid());
	}

	/**
	 * A pause of the node with this id.
	 */
	MarkerPause(Path directory, String name, long node) {
		this.pauseFile = directory.resolve("pause-" + name);
		this.nodePauseFile = directory.resolve("pause-" + name + "-" + node);
		this.pausedFile = directory.resolve(name + "-paused");
		this.nodePausedFile = directory.resolve(name + "-paused-" + node);
	}

	/**
	 * Whether a pause marker for this node exists.
	 */
	boolean isOn() {
		return Files.exists(this.pauseFile) || Files.exists(this.nodePauseFile);
	}

	/**
	 * Waits while a pause marker for this node exists; returns at once if none does.
	 */
	void awaitIfPaused() {
		if (!isOn()) {
			return;
		}
		try {
			String now = Instant.now().toString();
			Files.writeString(this.pausedFile, now);
			Files.writeString(this.nodePausedFile, now);
			Instant deadline = Instant.now().plus(LIMIT);
			while (isOn() && Instant.now().isBefore(deadline)) {
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
