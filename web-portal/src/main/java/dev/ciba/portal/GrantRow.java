package dev.ciba.portal;

import java.util.List;

import dev.ciba.portal.CustomerGrants.Grant;
import org.jspecify.annotations.Nullable;

/**
 * A grant as one row of the grants page, with its times ready to show.
 */
record GrantRow(String id, String clientId, String clientName, List<String> scopes, DisplayTime firstIssuedAt,
		DisplayTime lastIssuedAt, @Nullable DisplayTime expiresAt) {

	static GrantRow from(Grant grant) {
		return new GrantRow(grant.id(), grant.clientId(), grant.clientName(), grant.scopes(),
				DisplayTime.of(grant.firstIssuedAt()), DisplayTime.of(grant.lastIssuedAt()),
				DisplayTime.ofNullable(grant.expiresAt()));
	}

}
