package dev.ciba.server.client;

import java.util.Map;

import dev.ciba.server.config.CibaProperties.SeedClient;
import dev.ciba.server.delivery.InvalidNotificationEndpointException;
import dev.ciba.server.delivery.NotificationEndpointGuard;

/**
 * The token delivery metadata of a seeded client (CIBA Core §4):
 * {@code backchannel-token-delivery-mode} and
 * {@code backchannel-client-notification-endpoint}. Checked at start-up, stored in the
 * client settings as strings under their metadata names.
 */
final class DeliveryMetadata {

	private DeliveryMetadata() {
	}

	/**
	 * Checks the metadata: a known mode, and for ping and push an endpoint that
	 * {@link NotificationEndpointGuard} accepts.
	 * @param name the client's property prefix, for messages
	 * @throws IllegalStateException naming the client and the property at fault
	 */
	static void validate(String name, SeedClient seed, NotificationEndpointGuard guard) {
		String mode = seed.getBackchannelTokenDeliveryMode();
		if (mode == null || !CibaClientSettings.DELIVERY_MODES.contains(mode)) {
			throw new IllegalStateException(name + ".backchannel-token-delivery-mode must be poll, ping or push");
		}
		String endpoint = seed.getBackchannelClientNotificationEndpoint();
		boolean notified = !CibaClientSettings.POLL.equals(mode);
		if (notified && (endpoint == null || endpoint.isBlank())) {
			throw new IllegalStateException(
					name + ".backchannel-client-notification-endpoint is required for ping and push clients");
		}
		if (endpoint != null && !endpoint.isBlank()) {
			try {
				guard.check(endpoint);
			}
			catch (InvalidNotificationEndpointException ex) {
				throw new IllegalStateException(name + ".backchannel-client-notification-endpoint " + ex.getMessage());
			}
		}
	}

	/**
	 * Puts the metadata into the client settings.
	 */
	static void apply(SeedClient seed, Map<String, Object> settings) {
		settings.put(CibaClientSettings.DELIVERY_MODE, seed.getBackchannelTokenDeliveryMode());
		String endpoint = seed.getBackchannelClientNotificationEndpoint();
		if (endpoint != null && !endpoint.isBlank()) {
			settings.put(CibaClientSettings.NOTIFICATION_ENDPOINT, endpoint);
		}
	}

}
