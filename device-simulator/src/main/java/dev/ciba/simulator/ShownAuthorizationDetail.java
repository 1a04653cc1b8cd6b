package dev.ciba.simulator;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One authorization detail as the server rendered it for the customer (an element of the
 * {@code authorizationDetails} push field).
 *
 * @param type the authorization details type, such as {@code payment_initiation}
 * @param summary one line saying what it is (a payment's amount and creditor), or
 * {@code null}
 * @param lines short "label: value" lines to show
 */
public record ShownAuthorizationDetail(String type, @Nullable String summary, List<String> lines) {

	public ShownAuthorizationDetail {
		lines = List.copyOf(lines);
	}

	/**
	 * Reads the {@code authorizationDetails} field, a JSON array as text. Elements that
	 * are not objects with a {@code type} are skipped, and text that is not a JSON array
	 * gives no details: a phone shows what it can read.
	 * @param text the field's value, or {@code null}
	 */
	static List<ShownAuthorizationDetail> parseList(@Nullable String text) {
		if (text == null) {
			return List.of();
		}
		JsonNode array;
		try {
			array = Json.MAPPER.readTree(text);
		}
		catch (RuntimeException ex) {
			return List.of();
		}
		if (array == null || !array.isArray()) {
			return List.of();
		}
		List<ShownAuthorizationDetail> details = new ArrayList<>();
		for (JsonNode element : array) {
			String type = element.isObject() ? Json.text(element, "type") : null;
			if (type != null) {
				details.add(new ShownAuthorizationDetail(type, Json.text(element, "summary"), lines(element)));
			}
		}
		return List.copyOf(details);
	}

	private static List<String> lines(JsonNode element) {
		JsonNode lines = element.get("lines");
		List<String> texts = new ArrayList<>();
		if (lines != null && lines.isArray()) {
			for (JsonNode line : lines) {
				if (line.isString()) {
					texts.add(line.stringValue());
				}
			}
		}
		return texts;
	}

}
