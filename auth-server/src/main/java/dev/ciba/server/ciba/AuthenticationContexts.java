package dev.ciba.server.ciba;

import java.util.List;

/**
 * The authentication context class references ({@code acr}, OpenID Connect Core 1.0 §2)
 * of the authentications this server performs. There is exactly one: the customer
 * approved on a phone registered to them, which proved it with a signature by its device
 * key (a key that never left the phone, checked against the public key registered with
 * it).
 */
public final class AuthenticationContexts {

	/** Approval on a registered phone, signed with the phone's device key. */
	public static final String DEVICE_KEY = "urn:dev.ciba:acr:device-key";

	/**
	 * Every {@code acr} the server performs, as advertised in
	 * {@code acr_values_supported}.
	 */
	public static final List<String> SUPPORTED = List.of(DEVICE_KEY);

	private AuthenticationContexts() {
	}

}
