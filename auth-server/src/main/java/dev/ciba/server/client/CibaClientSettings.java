package dev.ciba.server.client;

import java.util.Set;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The CIBA client metadata (CIBA Core 1.0 §4), kept in a registered client's settings
 * under their metadata names.
 */
public final class CibaClientSettings {

	/**
	 * {@code backchannel_token_delivery_mode}: {@code poll}, {@code ping} or
	 * {@code push}.
	 */
	public static final String DELIVERY_MODE = "backchannel_token_delivery_mode";

	/** Poll mode: the client polls the token endpoint. */
	public static final String POLL = "poll";

	/** Ping mode: the server notifies the client, which then calls the token endpoint. */
	public static final String PING = "ping";

	/** Push mode: the server delivers the tokens to the client. */
	public static final String PUSH = "push";

	/** Every delivery mode of CIBA Core. */
	public static final Set<String> DELIVERY_MODES = Set.of(POLL, PING, PUSH);

	private CibaClientSettings() {
	}

	/**
	 * The client's token delivery mode; {@code poll} when none was registered.
	 */
	public static String deliveryMode(RegisteredClient client) {
		Object mode = client.getClientSettings().getSetting(DELIVERY_MODE);
		return (mode instanceof String value) ? value : POLL;
	}

}
