package dev.ciba.portal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Port to the history of the backchannel authentication requests that named a customer,
 * implemented by the server that runs the portal. It keeps that history longer than the
 * requests themselves, and never holds an {@code auth_req_id} or a token.
 */
public interface CustomerActivity {

	/** The most entries one page may ask for. */
	int MAX_PAGE_SIZE = 100;

	/**
	 * One page of the customer's requests, newest first.
	 * @param page the page number, from 0
	 * @param size the entries per page, 1 to {@value #MAX_PAGE_SIZE}
	 */
	ActivityPage page(String customerId, int page, int size);

	/**
	 * The customer's requests that still wait for an answer and have not expired, newest
	 * first.
	 */
	List<ActivityEntry> pending(String customerId);

	/**
	 * What became of a request.
	 */
	enum Outcome {

		PENDING, APPROVED, DENIED, EXPIRED

	}

	/**
	 * One request as the activity page shows it.
	 *
	 * @param clientId the client's {@code client_id}
	 * @param clientName the client's name when it asked
	 * @param bindingMessage the binding message, or {@code null}
	 * @param scopes the requested scopes, in request order
	 * @param detailsSummary the {@code authorization_details} in one line, or
	 * {@code null}
	 * @param deviceName the name of the device that answered, or {@code null}
	 * @param outcome what became of it, as of now
	 * @param requestedAt when the client asked
	 * @param expiresAt when an unanswered request expires
	 * @param answeredAt when a device answered, or {@code null}
	 */
	record ActivityEntry(String clientId, String clientName, @Nullable String bindingMessage, List<String> scopes,
			@Nullable String detailsSummary, @Nullable String deviceName, Outcome outcome, Instant requestedAt,
			Instant expiresAt, @Nullable Instant answeredAt) {
	}

	/**
	 * A page of entries.
	 *
	 * @param entries the entries, newest first
	 * @param page the page number, from 0
	 * @param hasNext whether older entries follow
	 */
	record ActivityPage(List<ActivityEntry> entries, int page, boolean hasNext) {
	}

}
