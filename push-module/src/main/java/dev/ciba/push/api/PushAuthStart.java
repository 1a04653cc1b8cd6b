package dev.ciba.push.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to ask a customer's phones.
 *
 * @param customerId the customer named by the request
 * @param clientName the display name of the client that asks
 * @param bindingMessage the binding message shown on the client's and the phone's screen,
 * or {@code null}
 * @param scope the requested scopes, space separated
 * @param ipAddress the address the request came from, or {@code null}
 * @param requestedAt when the request was made
 * @param expiresAt when the request expires; answers after it are refused
 * @param display what the phone shows besides, in words the server chose
 * @param numberMatching how the customer must pick the client's number, or {@code null}
 * when the request needs no number
 */
public record PushAuthStart(String customerId, String clientName, String bindingMessage, String scope, String ipAddress,
		Instant requestedAt, Instant expiresAt, Display display, NumberMatching numberMatching) {

	public PushAuthStart {
		display = (display != null) ? display : Display.NONE;
	}

	/**
	 * A request with nothing to show beyond the scope and no number matching.
	 */
	public PushAuthStart(String customerId, String clientName, String bindingMessage, String scope, String ipAddress,
			Instant requestedAt, Instant expiresAt) {
		this(customerId, clientName, bindingMessage, scope, ipAddress, requestedAt, expiresAt, Display.NONE, null);
	}

	/**
	 * What the phone shows beyond the client's name, the binding message and the scope.
	 * The push module passes it on as it is; it does not know what scopes or
	 * authorization details mean.
	 *
	 * @param scopeDescriptions each requested scope with its description, in request
	 * order; may be empty
	 * @param authorizationDetails the authorization details rendered for the customer, a
	 * JSON array as text, or {@code null} when the request has none
	 * @param summary one line for the notification's text (a payment's amount and
	 * creditor, say), or {@code null}
	 */
	public record Display(Map<String, String> scopeDescriptions, String authorizationDetails, String summary) {

		/** Nothing to show. */
		public static final Display NONE = new Display(Map.of(), null, null);

		public Display {
			scopeDescriptions = Collections.unmodifiableMap(new LinkedHashMap<>(scopeDescriptions));
		}

	}

	/**
	 * Number matching: the phone must answer an approval with the number the client
	 * shows.
	 *
	 * @param maxWrongAnswers how many approvals without the right number end the request
	 * as denied
	 */
	public record NumberMatching(int maxWrongAnswers) {

		public NumberMatching {
			if (maxWrongAnswers < 1) {
				throw new IllegalArgumentException("maxWrongAnswers must be at least 1");
			}
		}

	}

}
