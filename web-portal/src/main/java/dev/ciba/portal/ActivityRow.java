package dev.ciba.portal;

import java.util.List;
import java.util.Locale;

import dev.ciba.portal.CustomerActivity.ActivityEntry;
import org.jspecify.annotations.Nullable;

/**
 * A request as one entry of the activity page, with its times ready to show.
 *
 * @param outcome the outcome in lower case, as the message keys and CSS classes name it
 */
record ActivityRow(String clientId, String clientName, @Nullable String bindingMessage, List<String> scopes,
		@Nullable String detailsSummary, @Nullable String deviceName, String outcome, DisplayTime requestedAt,
		DisplayTime expiresAt, @Nullable DisplayTime answeredAt) {

	static ActivityRow from(ActivityEntry entry) {
		return new ActivityRow(entry.clientId(), entry.clientName(), entry.bindingMessage(), entry.scopes(),
				entry.detailsSummary(), entry.deviceName(), entry.outcome().name().toLowerCase(Locale.ROOT),
				DisplayTime.of(entry.requestedAt()), DisplayTime.of(entry.expiresAt()),
				DisplayTime.ofNullable(entry.answeredAt()));
	}

}
