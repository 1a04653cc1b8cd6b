package dev.ciba.server.client;

import dev.ciba.server.config.CibaProperties.SeedClient;
import dev.ciba.server.delivery.HostResolver;
import dev.ciba.server.delivery.NotificationEndpointGuard;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The token delivery metadata of seeded clients.
 */
class ClientSeederDeliveryTests {

	private final NotificationEndpointGuard guard = new NotificationEndpointGuard(false, HostResolver.SYSTEM);

	@Test
	void toRegisteredClientWhenPushWithAnHttpsEndpointThenBothStoredAsStrings() {
		SeedClient seed = seed("partner", "push", "https://partner.example/ciba/notify");

		RegisteredClient client = ClientSeeder.toRegisteredClient(seed, null, this.guard);

		assertThat(client.getClientSettings().<Object>getSetting("backchannel_token_delivery_mode")).isEqualTo("push");
		assertThat(client.getClientSettings().<Object>getSetting("backchannel_client_notification_endpoint"))
			.isEqualTo("https://partner.example/ciba/notify");
		assertThat(CibaClientSettings.notificationEndpoint(client)).isEqualTo("https://partner.example/ciba/notify");
	}

	@Test
	void toRegisteredClientWhenPollWithoutEndpointThenNoEndpointSetting() {
		RegisteredClient client = ClientSeeder.toRegisteredClient(seed("partner", "poll", null), null, this.guard);

		assertThat(CibaClientSettings.deliveryMode(client)).isEqualTo("poll");
		assertThat(client.getClientSettings().getSettings())
			.doesNotContainKey("backchannel_client_notification_endpoint");
	}

	@Test
	void toRegisteredClientWhenPingWithoutEndpointThenStartUpStopsNamingClientAndProperty() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ClientSeeder.toRegisteredClient(seed("partner", "ping", null), null, this.guard))
			.withMessage("ciba.seed.clients[partner].backchannel-client-notification-endpoint is required for ping "
					+ "and push clients");
	}

	@Test
	void toRegisteredClientWhenEndpointIsHttpThenStartUpStops() {
		SeedClient seed = seed("partner", "ping", "http://partner.example/notify");

		assertThatIllegalStateException().isThrownBy(() -> ClientSeeder.toRegisteredClient(seed, null, this.guard))
			.withMessage("ciba.seed.clients[partner].backchannel-client-notification-endpoint must be an https URL");
	}

	@Test
	void toRegisteredClientWhenEndpointIsAPrivateAddressThenStartUpStops() {
		SeedClient seed = seed("partner", "push", "https://192.168.10.4/notify");

		assertThatIllegalStateException().isThrownBy(() -> ClientSeeder.toRegisteredClient(seed, null, this.guard))
			.withMessage("ciba.seed.clients[partner].backchannel-client-notification-endpoint must not point at a "
					+ "private address");
	}

	@Test
	void toRegisteredClientWhenInsecureEndpointsAllowedThenHttpLoopbackAccepted() {
		NotificationEndpointGuard development = new NotificationEndpointGuard(true, HostResolver.SYSTEM);

		RegisteredClient client = ClientSeeder.toRegisteredClient(seed("partner", "ping", "http://127.0.0.1:9000/n"),
				null, development);

		assertThat(CibaClientSettings.notificationEndpoint(client)).isEqualTo("http://127.0.0.1:9000/n");
	}

	@Test
	void toRegisteredClientWhenModeIsUnknownThenStartUpStops() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ClientSeeder.toRegisteredClient(seed("partner", "pull", null), null, this.guard))
			.withMessage("ciba.seed.clients[partner].backchannel-token-delivery-mode must be poll, ping or push");
	}

	private static SeedClient seed(String clientId, String mode, String endpoint) {
		SeedClient seed = new SeedClient();
		seed.setClientId(clientId);
		seed.setClientSecret("a-seeded-client-secret-0123456789abcdef");
		seed.setBackchannelTokenDeliveryMode(mode);
		seed.setBackchannelClientNotificationEndpoint(endpoint);
		return seed;
	}

}
