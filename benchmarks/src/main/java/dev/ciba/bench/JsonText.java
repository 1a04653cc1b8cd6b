package dev.ciba.bench;

import org.jspecify.annotations.Nullable;

/**
 * Reads one string member out of a small, flat JSON answer without building a tree: the
 * load threads read {@code auth_req_id}, {@code error} and {@code access_token} from
 * every answer, and a parser would cost more CPU than the lookup. Values with escaped
 * quotes are not needed here and not supported.
 */
final class JsonText {

	private JsonText() {
	}

	static @Nullable String field(String json, String name) {
		String key = "\"" + name + "\"";
		int at = json.indexOf(key);
		if (at < 0) {
			return null;
		}
		int colon = json.indexOf(':', at + key.length());
		if (colon < 0) {
			return null;
		}
		int open = json.indexOf('"', colon + 1);
		if (open < 0 || !json.substring(colon + 1, open).isBlank()) {
			return null;
		}
		int close = json.indexOf('"', open + 1);
		return (close < 0) ? null : json.substring(open + 1, close);
	}

}
