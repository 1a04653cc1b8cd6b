package dev.ciba.server.ciba;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.ciba.server.consent.AuthorizationDetails;
import dev.ciba.server.hint.Hint;

/**
 * A parsed backchannel authentication request (CIBA Core 1.0 §7.1), before any rule about
 * clients or customers was applied.
 *
 * @param scopes the requested scopes, in request order
 * @param hint the one hint naming the end-user
 * @param bindingMessage the {@code binding_message}, or {@code null}
 * @param requestedExpiry the {@code requested_expiry} in seconds, or {@code null}
 * @param acrValues the {@code acr_values}, in preference order
 * @param userCode the {@code user_code}, or {@code null}; a secret, never logged
 * @param ipAddress the address the request came from
 * @param clientNotificationToken the {@code client_notification_token}, or {@code null}
 * @param authorizationDetails the {@code authorization_details} (RFC 9396), or
 * {@code null}
 */
public record BackchannelAuthenticationRequest(Set<String> scopes, Hint hint, String bindingMessage,
		Integer requestedExpiry, List<String> acrValues, String userCode, String ipAddress,
		String clientNotificationToken, AuthorizationDetails authorizationDetails) implements ParsedBackchannelRequest {

	public BackchannelAuthenticationRequest {
		scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		Objects.requireNonNull(hint, "hint");
		acrValues = List.copyOf(acrValues);
	}

	@Override
	public String toString() {
		return "BackchannelAuthenticationRequest[scopes=" + this.scopes + ", hint=" + this.hint.type().parameterName()
				+ "]";
	}

}
