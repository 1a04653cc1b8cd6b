package dev.ciba.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of processes, read from {@code /proc} (Linux only). Times
 * are in clock ticks of {@code USER_HZ}, 100 per second on every Linux this runs on.
 */
final class ProcessStats {

	static final double TICKS_PER_SECOND = 100.0;

	private ProcessStats() {
	}

	/**
	 * User plus system CPU time of a process, in seconds; 0 for pid 0 (none).
	 */
	static double cpuSeconds(long pid) {
		if (pid <= 0) {
			return 0;
		}
		String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
		// Fields after the command name, which is in parentheses and may contain spaces.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long utime = Long.parseLong(fields[11]);
		long stime = Long.parseLong(fields[12]);
		return (utime + stime) / TICKS_PER_SECOND;
	}

	/**
	 * User plus system CPU time of the PostgreSQL backends serving one database, in
	 * seconds: the database's share of a flow. A backend's process title names its
	 * database ({@code postgres: user database address state}), so other databases on the
	 * same cluster (other test runs) do not count; the cluster's shared processes (WAL
	 * writer, checkpointer) and backends that ended during a run are left out.
	 */
	static double postgresCpuSeconds(String database) {
		if (database.isEmpty()) {
			return 0;
		}
		String marker = " " + database + " ";
		double total = 0;
		try (var entries = Files.list(Path.of("/proc"))) {
			for (Path entry : (Iterable<Path>) entries::iterator) {
				String name = entry.getFileName().toString();
				if (!name.chars().allMatch(Character::isDigit)) {
					continue;
				}
				try {
					String title = Files.readString(entry.resolve("cmdline")).replace('\0', ' ');
					if (title.startsWith("postgres: ") && title.contains(marker)) {
						total += cpuSeconds(Long.parseLong(name));
					}
				}
				catch (IOException | UncheckedIOException ex) {
					// the process ended meanwhile
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list /proc", ex);
		}
		return total;
	}

	/**
	 * The machine's busy and total CPU time over all cores, in seconds:
	 * {@code [busy, total]}.
	 */
	static double[] machineSeconds() {
		String first = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow();
		String[] fields = first.trim().split("\\s+");
		long total = 0;
		long idle = 0;
		for (int i = 1; i < fields.length && i <= 8; i++) {
			long value = Long.parseLong(fields[i]);
			total += value;
			if (i == 4 || i == 5) {
				idle += value;
			}
		}
		return new double[] { (total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND };
	}

	/**
	 * {@code VmRSS} of a process in KiB, or -1 when it cannot be read.
	 */
	static long residentKib(long pid) {
		if (pid <= 0) {
			return -1;
		}
		for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		return -1;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

}
