package dev.ciba.server.ciba;

import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored {@code authorization_details} (compact JSON text) as plain Java values, for the
 * token response and the access token claim.
 */
final class AuthorizationDetailsJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
	};

	private AuthorizationDetailsJson() {
	}

	static List<Object> values(String json) {
		return JSON.readValue(json, LIST);
	}

}
