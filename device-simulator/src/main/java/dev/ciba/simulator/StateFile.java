package dev.ciba.simulator;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Writes and reads the JSON file that holds a phone's identity and private key. The file
 * is readable by its owner only where the file system has POSIX permissions, and is
 * replaced in one move so a crash never leaves half a key behind.
 */
final class StateFile {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private StateFile() {
	}

	static void write(Path file, Map<String, ?> members) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		Path temporary = Files.createTempFile(directory, ".device-simulator-", ".tmp", ownerOnlyIfSupported(directory));
		try {
			restrictToOwner(temporary.toFile());
			Files.writeString(temporary, Json.write(members), StandardCharsets.UTF_8);
			move(temporary, file);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	static JsonNode read(Path file) throws IOException {
		return Json.readObject(Files.readString(file, StandardCharsets.UTF_8), "the state file " + file);
	}

	private static FileAttribute<?>[] ownerOnlyIfSupported(Path directory) {
		if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) };
		}
		return new FileAttribute<?>[0];
	}

	/*
	 * Without POSIX permissions (Windows) this is the best the JDK offers: take read and
	 * write away from everyone, then give them back to the owner.
	 */
	private static void restrictToOwner(File file) {
		if (file.toPath().getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return;
		}
		file.setReadable(false, false);
		file.setWritable(false, false);
		file.setReadable(true, true);
		file.setWritable(true, true);
	}

	private static void move(Path temporary, Path file) throws IOException {
		try {
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
