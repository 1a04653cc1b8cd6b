package dev.ciba.server.grant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ciba.portal.CustomerGrants;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's grants read from, and revoked in, the authorization server's
 * {@code oauth2_authorization} table, where the CIBA grant stores every issued token pair
 * under the customer's id as principal name.
 * <p>
 * Revoking deletes the client's rows for the customer: the JDBC authorization service
 * keeps no copy elsewhere, so introspection then finds neither token ({@code active:
 * false}) and a refresh is refused. Self-contained JWT access tokens stay verifiable by a
 * resource server that does not introspect until they expire; that is the price of JWTs,
 * and why their lifetime is short.
 */
@Component
class JdbcCustomerGrants implements CustomerGrants {

	private static final Logger logger = LoggerFactory.getLogger(JdbcCustomerGrants.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	JdbcCustomerGrants(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public List<Grant> grants(String customerId) {
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		List<Row> rows = this.jdbc.sql("""
				SELECT a.registered_client_id, c.client_id, c.client_name, a.authorized_scopes,
				    a.access_token_issued_at, a.access_token_expires_at, a.refresh_token_issued_at,
				    a.refresh_token_expires_at
				FROM oauth2_authorization a JOIN oauth2_registered_client c ON c.id = a.registered_client_id
				WHERE a.principal_name = :customer
				    AND (a.access_token_expires_at > :now OR a.refresh_token_expires_at > :now
				        OR (a.refresh_token_value IS NOT NULL AND a.refresh_token_expires_at IS NULL))
				ORDER BY c.client_name, a.registered_client_id""")
			.param("customer", customerId)
			.param("now", now)
			.query(JdbcCustomerGrants::row)
			.list();
		Map<String, List<Row>> byClient = new LinkedHashMap<>();
		rows.forEach((row) -> byClient.computeIfAbsent(row.registeredClientId(), (id) -> new ArrayList<>()).add(row));
		return byClient.values().stream().map(JdbcCustomerGrants::grant).toList();
	}

	@Override
	public boolean revoke(String customerId, String grantId) {
		int deleted = this.jdbc
			.sql("DELETE FROM oauth2_authorization WHERE principal_name = ? AND registered_client_id = ?")
			.params(customerId, grantId)
			.update();
		if (deleted > 0) {
			logger.debug("The customer revoked {} authorization(s) of a client", deleted);
		}
		return deleted > 0;
	}

	private static Grant grant(List<Row> rows) {
		Set<String> scopes = new LinkedHashSet<>();
		Instant first = null;
		Instant last = null;
		Instant expires = null;
		boolean neverExpires = false;
		for (Row row : rows) {
			if (row.scopes() != null) {
				scopes.addAll(List.of(row.scopes().split(",")));
			}
			first = (first == null || row.issuedAt().isBefore(first)) ? row.issuedAt() : first;
			last = (last == null || row.issuedAt().isAfter(last)) ? row.issuedAt() : last;
			neverExpires |= row.expiresAt() == null;
			expires = (row.expiresAt() != null && (expires == null || row.expiresAt().isAfter(expires)))
					? row.expiresAt() : expires;
		}
		Row one = rows.get(0);
		return new Grant(one.registeredClientId(), one.clientId(), one.clientName(), List.copyOf(scopes), first, last,
				neverExpires ? null : expires);
	}

	private static Row row(ResultSet rs, int rowNumber) throws SQLException {
		Instant accessIssued = instant(rs, "access_token_issued_at");
		Instant refreshIssued = instant(rs, "refresh_token_issued_at");
		Instant accessExpires = instant(rs, "access_token_expires_at");
		Instant refreshExpires = instant(rs, "refresh_token_expires_at");
		boolean hasRefresh = refreshIssued != null;
		Instant issued = (accessIssued != null) ? accessIssued : refreshIssued;
		Instant expires = hasRefresh ? refreshExpires : accessExpires;
		return new Row(rs.getString("registered_client_id"), rs.getString("client_id"), rs.getString("client_name"),
				rs.getString("authorized_scopes"), (issued != null) ? issued : Instant.EPOCH, expires);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private record Row(String registeredClientId, String clientId, String clientName, @Nullable String scopes,
			Instant issuedAt, @Nullable Instant expiresAt) {
	}

}
