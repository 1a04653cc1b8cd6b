package dev.ciba.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
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

	/**
	 * Per table of the database: rows inserted, updated, deleted and read (by sequential
	 * and index scans), from {@code pg_stat_user_tables}; empty when unavailable.
	 */
	static Map<String, long[]> tables(String database) {
		Map<String, long[]> tables = new TreeMap<>();
		if (database.isEmpty() || !database.matches("[a-z0-9_]+")) {
			return tables;
		}
		String query = "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del, "
				+ "coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) FROM pg_stat_user_tables";
		for (String line : psql(database, query).split("\n")) {
			String[] fields = line.split("\\|");
			if (fields.length == 5) {
				long[] values = new long[4];
				for (int i = 0; i < 4; i++) {
					values[i] = Long.parseLong(fields[i + 1].strip());
				}
				tables.put(fields[0].strip(), values);
			}
		}
		return tables;
	}

	private static String psql(String database, String query) {
		try {
			Process psql = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-Atc",
					query)
				.redirectErrorStream(true)
				.start();
			String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			return (psql.waitFor(10, TimeUnit.SECONDS) && psql.exitValue() == 0) ? out : "";
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	static long[] read(String database) {
		long[] values = new long[NAMES.length];
		if (database.isEmpty() || !database.matches("[a-z0-9_]+")) {
			return values;
		}
		String query = "SELECT xact_commit + xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched "
				+ "FROM pg_stat_database WHERE datname = '" + database + "'";
		String[] fields = psql("postgres", query).split("\\|");
		if (fields.length != values.length) {
			return values;
		}
		try {
			for (int i = 0; i < values.length; i++) {
				values[i] = Long.parseLong(fields[i].strip());
			}
		}
		catch (NumberFormatException ex) {
			return new long[NAMES.length];
		}
		return values;
	}

}
