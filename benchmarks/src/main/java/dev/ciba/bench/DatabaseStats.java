package dev.ciba.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Counters of one database from {@code pg_stat_database}, read with {@code psql} (the run
 * script needs it anyway): transactions, rows inserted, updated and deleted, blocks read
 * and hit. Their growth over a run divided by its flows is the database work of a flow.
 * PostgreSQL publishes these counters with a delay of up to a second, small next to a
 * run. All zeros when no database is named or {@code psql} fails.
 */
final class DatabaseStats {

	static final String[] NAMES = { "transactions", "rows_inserted", "rows_updated", "rows_deleted", "rows_fetched" };

	private DatabaseStats() {
	}

	static long[] read(String database) {
		long[] values = new long[NAMES.length];
		if (database.isEmpty() || !database.matches("[a-z0-9_]+")) {
			return values;
		}
		String query = "SELECT xact_commit + xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched "
				+ "FROM pg_stat_database WHERE datname = '" + database + "'";
		try {
			Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-Atc",
					query)
				.redirectErrorStream(true)
				.start();
			String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			if (!psql.waitFor(10, TimeUnit.SECONDS) || psql.exitValue() != 0) {
				return values;
			}
			String[] fields = out.split("\\|");
			for (int i = 0; i < values.length && i < fields.length; i++) {
				values[i] = Long.parseLong(fields[i].strip());
			}
		}
		catch (IOException | NumberFormatException ex) {
			return new long[NAMES.length];
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return values;
	}

}
