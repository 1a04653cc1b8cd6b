package dev.ciba.push.auth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scope descriptions as stored and as the push data carries them: one JSON object,
 * each requested scope to its description, in request order.
 */
final class ScopeDescriptionsJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
	};

	private ScopeDescriptionsJson() {
	}

	/**
	 * The JSON text, or {@code null} for no descriptions.
	 */
	static @Nullable String write(Map<String, String> descriptions) {
		return descriptions.isEmpty() ? null : JSON.writeValueAsString(descriptions);
	}

	/**
	 * The descriptions of stored JSON text; none for {@code null}.
	 */
	static Map<String, String> read(@Nullable String json) {
		if (json == null) {
			return Map.of();
		}
		return Collections.unmodifiableMap(JSON.readValue(json, MAP));
	}

}
