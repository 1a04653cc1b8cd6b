package dev.ciba.server.registration;

import java.util.List;

import dev.ciba.server.client.ClientMetadata;

/**
 * A parsed client registration request.
 *
 * @param clientName {@code client_name}, or {@code null}
 * @param grantTypes {@code grant_types}, the CIBA grant among them
 * @param scopes the scopes of {@code scope}, {@code openid} among them
 * @param metadata the metadata that every client's checks and settings cover
 */
public record ClientRegistrationRequest(String clientName, List<String> grantTypes, List<String> scopes,
		ClientMetadata metadata) {

	public ClientRegistrationRequest {
		grantTypes = List.copyOf(grantTypes);
		scopes = List.copyOf(scopes);
	}

}
