package dev.ciba.push.auth;

import java.time.Instant;

import dev.ciba.push.api.PushAuthStart.Display;
import org.jspecify.annotations.Nullable;

/**
 * A stored push authentication.
 *
 * @param id the push authentication id (the {@code pushId} of the push data)
 * @param customerId the customer the request names
 * @param challenge the challenge the answer must echo
 * @param clientName the display name of the asking client
 * @param bindingMessage the binding message, or {@code null}
 * @param scope the requested scopes
 * @param ipAddress the address of the request, or {@code null}
 * @param requestedAt when the request was made
 * @param expiresAt when answers stop being accepted
 * @param status the state
 * @param display the scope descriptions, rendered authorization details and summary
 * @param numberChoices the numbers the phone offers, comma separated, or {@code null}
 * without number matching (the number itself is never part of this record)
 */
public record PushAuthRecord(String id, String customerId, String challenge, String clientName,
		@Nullable String bindingMessage, String scope, @Nullable String ipAddress, Instant requestedAt,
		Instant expiresAt, PushAuthStatus status, Display display, @Nullable String numberChoices) {

	/**
	 * A push authentication with nothing more to show and no number matching.
	 */
	public PushAuthRecord(String id, String customerId, String challenge, String clientName,
			@Nullable String bindingMessage, String scope, @Nullable String ipAddress, Instant requestedAt,
			Instant expiresAt, PushAuthStatus status) {
		this(id, customerId, challenge, clientName, bindingMessage, scope, ipAddress, requestedAt, expiresAt, status,
				Display.NONE, null);
	}

	/**
	 * Whether an answer could still be taken at {@code now}.
	 */
	public boolean openAt(Instant now) {
		return this.status == PushAuthStatus.PENDING && now.isBefore(this.expiresAt);
	}

	/**
	 * Leaves out the identifiers, the challenge, the binding message and what is shown.
	 */
	@Override
	public String toString() {
		return "PushAuthRecord[status=" + this.status + ", expiresAt=" + this.expiresAt + "]";
	}

}
