package dev.ciba.server.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * A row mapper for {@code oauth2_registered_client} that parses a row only when it
 * differs from the row last parsed for the same client.
 * <p>
 * Every client authentication reads the client's row, and turning its settings' JSON into
 * a {@link RegisteredClient} costs more than the read. The row is still read every time,
 * so a change made on any node (a console edit, a rotated secret, a registration update)
 * takes effect on every node at once; only the parsing of an unchanged row is saved. A
 * {@link RegisteredClient} is immutable, so one instance can serve every thread.
 */
public final class ParsedClients implements RowMapper<RegisteredClient> {

	/**
	 * Beyond this many clients the cache starts over, so that mass dynamic registration
	 * cannot grow it without bound.
	 */
	static final int MAX_ENTRIES = 10_000;

	private final RowMapper<RegisteredClient> parser;

	private final Map<String, Parsed> byId = new ConcurrentHashMap<>();

	public ParsedClients(RowMapper<RegisteredClient> parser) {
		this.parser = parser;
	}

	@Override
	public RegisteredClient mapRow(ResultSet rs, int rowNum) throws SQLException {
		String row = rowText(rs);
		String id = rs.getString("id");
		Parsed cached = this.byId.get(id);
		if (cached != null && cached.row().equals(row)) {
			return cached.client();
		}
		RegisteredClient client = this.parser.mapRow(rs, rowNum);
		if (client != null) {
			if (this.byId.size() >= MAX_ENTRIES) {
				this.byId.clear();
			}
			this.byId.put(id, new Parsed(row, client));
		}
		return client;
	}

	/**
	 * Every column of the row as text, each preceded by its length so that no two rows
	 * give the same text.
	 */
	private static String rowText(ResultSet rs) throws SQLException {
		int columns = rs.getMetaData().getColumnCount();
		StringBuilder text = new StringBuilder(1024);
		for (int column = 1; column <= columns; column++) {
			String value = rs.getString(column);
			if (value == null) {
				text.append("-1:");
			}
			else {
				text.append(value.length()).append(':').append(value);
			}
		}
		return text.toString();
	}

	private record Parsed(String row, RegisteredClient client) {
	}

}
