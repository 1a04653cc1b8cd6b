package dev.ciba.server.consent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts authorization details into words for the customer's phone. The result is a JSON
 * array with one object per authorization detail: {@code type}, {@code lines} (short
 * "label: value" lines an app can show as they are) and, for a payment
 * ({@code payment_initiation}, the shape of RFC 9396 §2), also {@code summary},
 * {@code amount}, {@code currency} and {@code creditor}.
 * <p>
 * Bounded, because a push message is small (FCM allows 4 KB of data): every line has at
 * most {@value #MAX_LINE_LENGTH} characters, an object at most
 * {@value #MAX_LINES_PER_ENTRY} lines (the last saying how many were left out) and all
 * objects together at most {@value #MAX_LINES} lines; an object past that budget shows
 * only its type. Control and invisible formatting characters (bidirectional overrides,
 * for one, could disguise an amount) are replaced by U+FFFD.
 */
public final class AuthorizationDetailsRenderer {

	/** The type RFC 9396 §2 uses for a payment. */
	public static final String PAYMENT_INITIATION = "payment_initiation";

	static final int MAX_LINE_LENGTH = 64;

	static final int MAX_LINES_PER_ENTRY = 4;

	static final int MAX_LINES = 12;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuthorizationDetailsRenderer() {
	}

	/**
	 * Renders the details.
	 * @return the rendered JSON and the summary for the notification (the first
	 * payment's), or {@code null} as summary when no detail is a payment
	 */
	public static Rendered render(AuthorizationDetails details) {
		List<Map<String, Object>> rendered = new ArrayList<>();
		String summary = null;
		int budget = MAX_LINES;
		for (JsonNode entry : details.entries()) {
			Map<String, Object> shown = new LinkedHashMap<>();
			String type = entry.get(AuthorizationDetailsParser.TYPE).stringValue();
			shown.put("type", clean(type));
			List<String> lines;
			if (PAYMENT_INITIATION.equals(type)) {
				Payment payment = Payment.of(entry);
				payment.putFields(shown);
				summary = (summary != null) ? summary : payment.summary();
				lines = payment.lines();
			}
			else {
				lines = genericLines(entry);
			}
			List<String> bounded = bound(lines, Math.min(MAX_LINES_PER_ENTRY, budget));
			budget -= bounded.size();
			shown.put("lines", bounded);
			rendered.add(shown);
		}
		return new Rendered(JSON.writeValueAsString(rendered), summary);
	}

	// Every member but the type, nested objects as dotted paths, arrays of plain values
	// joined; an array of objects only counted.
	private static List<String> genericLines(JsonNode entry) {
		List<String> lines = new ArrayList<>();
		for (Map.Entry<String, JsonNode> member : entry.properties()) {
			if (!AuthorizationDetailsParser.TYPE.equals(member.getKey())) {
				flatten(member.getKey(), member.getValue(), lines);
			}
		}
		return lines;
	}

	private static void flatten(String path, JsonNode value, List<String> lines) {
		if (value.isObject()) {
			for (Map.Entry<String, JsonNode> member : value.properties()) {
				flatten(path + "." + member.getKey(), member.getValue(), lines);
			}
		}
		else if (value.isArray()) {
			lines.add(path + ": " + arrayText(value));
		}
		else {
			lines.add(path + ": " + scalar(value));
		}
	}

	private static String arrayText(JsonNode array) {
		List<String> values = new ArrayList<>();
		for (JsonNode element : array) {
			if (element.isContainer()) {
				return array.size() + ((array.size() == 1) ? " entry" : " entries");
			}
			values.add(scalar(element));
		}
		return String.join(", ", values);
	}

	private static List<String> bound(List<String> lines, int max) {
		List<String> bounded = new ArrayList<>();
		if (max <= 0) {
			return bounded;
		}
		for (int i = 0; i < lines.size(); i++) {
			if (bounded.size() == max - 1 && lines.size() > max) {
				bounded.add("… and " + (lines.size() - i) + " more");
				break;
			}
			bounded.add(clean(lines.get(i)));
		}
		return bounded;
	}

	private static String scalar(JsonNode value) {
		if (value.isNull()) {
			return "none";
		}
		return value.isString() ? value.stringValue() : value.asString();
	}

	// A line is shown as one line: line and paragraph separators (U+2028, U+2029) would
	// break it as a control character would.
	private static boolean shown(int c) {
		int type = Character.getType(c);
		return !Character.isISOControl(c) && type != Character.FORMAT && type != Character.LINE_SEPARATOR
				&& type != Character.PARAGRAPH_SEPARATOR;
	}

	/**
	 * The text with control, formatting and line-separator characters replaced, cut to
	 * {@value #MAX_LINE_LENGTH} characters.
	 */
	static String clean(String text) {
		StringBuilder clean = new StringBuilder();
		text.codePoints().forEach((c) -> clean.appendCodePoint(shown(c) ? c : 0xFFFD));
		if (clean.codePointCount(0, clean.length()) <= MAX_LINE_LENGTH) {
			return clean.toString();
		}
		int end = clean.offsetByCodePoints(0, MAX_LINE_LENGTH - 1);
		return clean.substring(0, end) + "…";
	}

	/**
	 * Rendered details.
	 *
	 * @param json the JSON array for the phone
	 * @param summary one line for the notification, or {@code null}
	 */
	public record Rendered(String json, @Nullable String summary) {

		@Override
		public String toString() {
			return "Rendered[hidden]";
		}

	}

	/**
	 * The parts of a payment that a customer must see: RFC 9396 §2's
	 * {@code instructedAmount}, {@code creditorName}, {@code creditorAccount.iban} and
	 * {@code remittanceInformationUnstructured}; each may be missing.
	 */
	private record Payment(@Nullable String amount, @Nullable String currency, @Nullable String creditor,
			@Nullable String iban, @Nullable String reference) {

		static Payment of(JsonNode entry) {
			return new Payment(text(entry, "instructedAmount", "amount"), text(entry, "instructedAmount", "currency"),
					text(entry, "creditorName", null), text(entry, "creditorAccount", "iban"),
					text(entry, "remittanceInformationUnstructured", null));
		}

		private static @Nullable String text(JsonNode entry, String member, @Nullable String inner) {
			JsonNode value = entry.get(member);
			if (value != null && inner != null) {
				value = value.isObject() ? value.get(inner) : null;
			}
			if (value == null || value.isContainer() || value.isNull()) {
				return null;
			}
			return clean(scalar(value));
		}

		void putFields(Map<String, Object> shown) {
			shown.put("summary", summary());
			putIfPresent(shown, "amount", this.amount);
			putIfPresent(shown, "currency", this.currency);
			putIfPresent(shown, "creditor", this.creditor);
		}

		String summary() {
			StringBuilder summary = new StringBuilder("Payment");
			if (this.amount != null) {
				summary.append(" of ").append(this.amount);
				if (this.currency != null) {
					summary.append(' ').append(this.currency);
				}
			}
			if (this.creditor != null) {
				summary.append(" to ").append(this.creditor);
			}
			return clean(summary.toString());
		}

		List<String> lines() {
			List<String> lines = new ArrayList<>();
			if (this.amount != null) {
				lines.add("Amount: " + this.amount + ((this.currency != null) ? " " + this.currency : ""));
			}
			if (this.creditor != null) {
				lines.add("Creditor: " + this.creditor);
			}
			if (this.iban != null) {
				lines.add("Creditor account: " + this.iban);
			}
			if (this.reference != null) {
				lines.add("Reference: " + this.reference);
			}
			return lines;
		}

		private static void putIfPresent(Map<String, Object> shown, String name, @Nullable String value) {
			if (value != null) {
				shown.put(name, value);
			}
		}

	}

}
