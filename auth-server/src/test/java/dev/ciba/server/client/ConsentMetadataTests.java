package dev.ciba.server.client;

import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.ciba.server.delivery.NotificationEndpointGuard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code authorization_details_types} and {@code number_matching_required}, as every
 * client's metadata checks and stores them.
 */
class ConsentMetadataTests {

	private final ClientMetadataValidator validator = new ClientMetadataValidator(
			new NotificationEndpointGuard(false, (host) -> {
				throw new UnknownHostException("no lookups in unit tests");
			}));

	@Test
	void settingsWhenTypesAndNumberMatchingThenAJsonArrayAndTrue() {
		ClientMetadata metadata = client().authorizationDetailsTypes(List.of("payment_initiation", "urn:x:accounts"))
			.numberMatchingRequired(true)
			.build();

		this.validator.validate(metadata);

		assertThat(ClientMetadataValidator.settings(metadata))
			.isEqualTo(Map.of("backchannel_token_delivery_mode", "poll", "authorization_details_types",
					"[\"payment_initiation\",\"urn:x:accounts\"]", "number_matching_required", true));
	}

	@Test
	void settingsWhenNeitherThenNothingStored() {
		ClientMetadata metadata = client().build();

		this.validator.validate(metadata);

		assertThat(ClientMetadataValidator.settings(metadata)).containsOnlyKeys("backchannel_token_delivery_mode");
	}

	@Test
	void validateWhenTypesBreakTheRulesThenRefusedNamingTheMetadata() {
		assertRefused(List.of("a", "a"), "must list at most 10 distinct types");
		assertRefused(Collections.nCopies(11, "a").stream().map((t) -> t + Math.random()).toList(),
				"must list at most 10 distinct types");
		assertRefused(List.of(" "), "must hold types of 1 to 100 characters without control or formatting characters");
		assertRefused(List.of("pay\u0000"),
				"must hold types of 1 to 100 characters without control or formatting characters");
		assertRefused(List.of("t".repeat(100), "u".repeat(100), "v".repeat(100)),
				"must take at most 300 characters as a JSON array");
	}

	private void assertRefused(List<String> types, String problem) {
		ClientMetadata metadata = client().authorizationDetailsTypes(types).build();
		assertThatExceptionOfType(InvalidClientMetadataException.class)
			.isThrownBy(() -> this.validator.validate(metadata))
			.satisfies((ex) -> {
				assertThat(ex.getField()).isEqualTo("authorization_details_types");
				assertThat(ex.getProblem()).isEqualTo(problem);
			});
	}

	private static ClientMetadata.Builder client() {
		return ClientMetadata.builder().authenticationMethods(List.of("client_secret_basic")).deliveryMode("poll");
	}

}
