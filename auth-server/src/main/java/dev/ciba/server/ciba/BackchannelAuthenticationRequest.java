package dev.ciba.server.ciba;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed backchannel authentication request (CIBA Core 1.0 §7.1), before any rule about
 * clients or customers was applied.
 *
 * @param scopes the requested scopes, in request order
 * @param loginHint the {@code login_hint}
 * @param bindingMessage the {@code binding_message}, or {@code null}
 * @param requestedExpiry the {@code requested_expiry} in seconds, or {@code null}
 * @param acrValues the {@code acr_values}, in preference order
 * @param ipAddress the address the request came from
 */
public record BackchannelAuthenticationRequest(Set<String> scopes, String loginHint, String bindingMessage,
		Integer requestedExpiry, List<String> acrValues, String ipAddress) {

	public BackchannelAuthenticationRequest {
		scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		acrValues = List.copyOf(acrValues);
	}

	@Override
	public String toString() {
		return "BackchannelAuthenticationRequest[scopes=" + this.scopes + "]";
	}

}
