package dev.ciba.simulator;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the simulator and the lenient reads the protocol needs.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/**
	 * Reads a JSON object.
	 * @param text the JSON text
	 * @param what what the text is, for the error message
	 * @throws IllegalArgumentException if the text is not a JSON object
	 */
	static JsonNode readObject(String text, String what) {
		JsonNode node;
		try {
			node = MAPPER.readTree(text);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(what + " is not valid JSON", ex);
		}
		if (node == null || !node.isObject()) {
			throw new IllegalArgumentException(what + " is not a JSON object");
		}
		return node;
	}

	/**
	 * A scalar member as text, or {@code null} when it is absent, null or not a scalar.
	 */
	static @Nullable String text(JsonNode object, String name) {
		JsonNode member = object.get(name);
		if (member == null || member.isNull() || !member.isValueNode()) {
			return null;
		}
		return member.asString();
	}

	/**
	 * A member that must be a non-blank string.
	 * @throws IllegalArgumentException naming the member when it is missing or blank
	 */
	static String requiredText(JsonNode object, String name, String what) {
		String value = text(object, name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(what + " lacks \"" + name + "\"");
		}
		return value;
	}

	static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}

}
