package dev.ciba.server.client;

import java.util.Map;

import dev.ciba.server.delivery.InvalidNotificationEndpointException;
import dev.ciba.server.delivery.NotificationEndpointGuard;

/**
 * The token delivery metadata of a client (CIBA Core §4):
 * {@code backchannel_token_delivery_mode} and
 * {@code backchannel_client_notification_endpoint}, stored in the client settings as
 * strings under their metadata names.
 */
final class DeliveryMetadata {

	private DeliveryMetadata() {
	}

	/**
	 * Checks the metadata: a known mode, and for ping and push an endpoint that
	 * {@link NotificationEndpointGuard} accepts.
	 * @throws InvalidClientMetadataException naming the metadata at fault
	 */
	static void validate(ClientMetadata metadata, NotificationEndpointGuard guard) {
		String mode = metadata.deliveryMode();
		if (mode == null) {
			throw new InvalidClientMetadataException(CibaClientSettings.DELIVERY_MODE, "is required");
		}
		if (!CibaClientSettings.DELIVERY_MODES.contains(mode)) {
			throw new InvalidClientMetadataException(CibaClientSettings.DELIVERY_MODE, "must be poll, ping or push");
		}
		String endpoint = metadata.notificationEndpoint();
		// CIBA Core §4: ping and push clients must register where they are notified.
		if (!CibaClientSettings.POLL.equals(mode) && endpoint == null) {
			throw new InvalidClientMetadataException(CibaClientSettings.NOTIFICATION_ENDPOINT,
					"is required for ping and push clients");
		}
		if (endpoint != null) {
			try {
				guard.check(endpoint);
			}
			catch (InvalidNotificationEndpointException ex) {
				throw new InvalidClientMetadataException(CibaClientSettings.NOTIFICATION_ENDPOINT, ex.getMessage());
			}
		}
	}

	/**
	 * Puts the metadata into the client settings.
	 */
	static void apply(ClientMetadata metadata, Map<String, Object> settings) {
		settings.put(CibaClientSettings.DELIVERY_MODE, metadata.deliveryMode());
		if (metadata.notificationEndpoint() != null) {
			settings.put(CibaClientSettings.NOTIFICATION_ENDPOINT, metadata.notificationEndpoint());
		}
	}

}
