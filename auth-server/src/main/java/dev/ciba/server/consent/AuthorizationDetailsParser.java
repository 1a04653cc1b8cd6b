package dev.ciba.server.consent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code authorization_details} (RFC 9396) strictly: from the form parameter (JSON
 * text) or from the claim of a signed request object (a JSON array). Refusals are
 * {@link InvalidAuthorizationDetailsException}.
 * <p>
 * Rules: RFC 9396 §2, a non-empty JSON array of objects, each with a {@code type} string;
 * the common data fields of §2.2, where present, of their types ({@code locations},
 * {@code actions}, {@code datatypes}, {@code privileges} arrays of strings,
 * {@code identifier} a string). Bounds of this server: at most {@value #MAX_LENGTH}
 * characters of JSON text (as sent, and as stored in compact form), at most
 * {@value #MAX_ENTRIES} objects, a {@code type} of at most {@value #MAX_TYPE_LENGTH}
 * characters without control characters, and at most {@value #MAX_DEPTH} levels of
 * nesting, the outer array included. No duplicate member names, nothing after the array;
 * numbers within what an IEEE double holds (integers up to 2^53 - 1) and no unpaired
 * surrogates (I-JSON, RFC 7493).
 */
public final class AuthorizationDetailsParser {

	/** The parameter and claim name (RFC 9396 §2). */
	public static final String PARAMETER = "authorization_details";

	/** The longest accepted JSON text, in characters (4 KiB). */
	public static final int MAX_LENGTH = 4096;

	/** The most objects in the array. */
	public static final int MAX_ENTRIES = 10;

	/** The deepest nesting of arrays and objects, the outer array counting as one. */
	public static final int MAX_DEPTH = 6;

	/** The longest {@code type}. */
	public static final int MAX_TYPE_LENGTH = 100;

	static final String TYPE = "type";

	private static final Set<String> STRING_ARRAY_FIELDS = Set.of("locations", "actions", "datatypes", "privileges");

	private static final String IDENTIFIER = "identifier";

	/** The largest integer an IEEE double holds exactly, 2^53 - 1 (RFC 7493 §2.2). */
	private static final BigDecimal MAX_SAFE_INTEGER = BigDecimal.valueOf((1L << 53) - 1);

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private AuthorizationDetailsParser() {
	}

	/**
	 * Reads the form parameter.
	 * @param text the parameter's value, or {@code null} when absent
	 * @return the details, or {@code null} when absent
	 * @throws InvalidAuthorizationDetailsException when they break a rule
	 */
	public static @Nullable AuthorizationDetails parse(@Nullable String text) {
		if (text == null) {
			return null;
		}
		if (text.length() > MAX_LENGTH) {
			throw invalid("The authorization_details parameter is longer than " + MAX_LENGTH + " characters");
		}
		JsonNode tree;
		try {
			tree = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw invalid("The authorization_details parameter is not valid JSON");
		}
		return validate(tree);
	}

	/**
	 * Reads the claim of a verified request object, which RFC 9396 §3 makes a JSON array.
	 * @param claim the claim's value as the JWT library parsed it, or {@code null} when
	 * absent
	 * @return the details, or {@code null} when absent
	 * @throws InvalidAuthorizationDetailsException when they break a rule
	 */
	public static @Nullable AuthorizationDetails fromClaim(@Nullable Object claim) {
		if (claim == null) {
			return null;
		}
		if (!(claim instanceof List<?>)) {
			throw invalid("The authorization_details claim must be a JSON array");
		}
		String text;
		try {
			text = JSON.writeValueAsString(claim);
		}
		catch (JacksonException ex) {
			throw invalid("The authorization_details claim cannot be read");
		}
		return parse(text);
	}

	private static AuthorizationDetails validate(@Nullable JsonNode tree) {
		if (tree == null || !tree.isArray()) {
			throw invalid("The authorization_details must be a JSON array of objects");
		}
		if (tree.isEmpty()) {
			throw invalid("The authorization_details must hold at least one object");
		}
		if (tree.size() > MAX_ENTRIES) {
			throw invalid("The authorization_details may hold at most " + MAX_ENTRIES + " objects");
		}
		if (depth(tree) > MAX_DEPTH) {
			throw invalid("The authorization_details are nested deeper than " + MAX_DEPTH + " levels");
		}
		checkValues(tree);
		List<JsonNode> entries = new ArrayList<>();
		for (JsonNode entry : tree) {
			checkEntry(entry);
			entries.add(entry);
		}
		String compact = JSON.writeValueAsString(tree);
		if (compact.length() > MAX_LENGTH) {
			throw invalid("The authorization_details are longer than " + MAX_LENGTH + " characters");
		}
		return new AuthorizationDetails(compact, entries);
	}

	// RFC 9396 §2: each element is an object whose type names what the rest means; §2.2:
	// the common data fields have fixed types.
	private static void checkEntry(JsonNode entry) {
		if (!entry.isObject()) {
			throw invalid("Each element of the authorization_details must be a JSON object");
		}
		JsonNode type = entry.get(TYPE);
		if (type == null || !type.isString() || type.stringValue().isBlank()) {
			throw invalid("Each object of the authorization_details needs a type string");
		}
		String value = type.stringValue();
		if (value.length() > MAX_TYPE_LENGTH || value.codePoints()
			.anyMatch((c) -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
			throw invalid("A type of the authorization_details has more than " + MAX_TYPE_LENGTH
					+ " characters or control characters");
		}
		for (String field : STRING_ARRAY_FIELDS) {
			JsonNode member = entry.get(field);
			if (member != null && (!member.isArray() || !allStrings(member))) {
				throw invalid("The " + field + " of the authorization_details must be an array of strings");
			}
		}
		JsonNode identifier = entry.get(IDENTIFIER);
		if (identifier != null && !identifier.isString()) {
			throw invalid("The identifier of the authorization_details must be a string");
		}
	}

	// I-JSON (RFC 7493 §2.1, §2.2): the details travel on into access tokens, token
	// responses and introspection, whose JSON libraries read numbers as IEEE doubles and
	// strings as Unicode. A number no double holds (1e999 becomes infinity, 1e-999 zero,
	// big integers lose digits) or a string with an unpaired surrogate would change on
	// the way, and the resource server would read another detail than the customer
	// approved; both are refused.
	private static void checkValues(JsonNode node) {
		if (node.isNumber()) {
			checkNumber(node);
		}
		else if (node.isString()) {
			checkText(node.stringValue());
		}
		else if (node.isObject()) {
			for (String name : node.propertyNames()) {
				checkText(name);
				checkValues(node.get(name));
			}
		}
		else if (node.isArray()) {
			for (JsonNode element : node) {
				checkValues(element);
			}
		}
	}

	private static void checkNumber(JsonNode number) {
		BigDecimal exact = number.decimalValue();
		boolean fits = (number.isIntegralNumber() || exact.stripTrailingZeros().scale() <= 0)
				? exact.abs().compareTo(MAX_SAFE_INTEGER) <= 0 : representableAsDouble(exact);
		if (!fits) {
			throw invalid("A number of the authorization_details is out of the range every JSON reader keeps exactly");
		}
	}

	private static boolean representableAsDouble(BigDecimal exact) {
		double approximate = exact.doubleValue();
		return Double.isFinite(approximate) && (approximate != 0.0 || exact.signum() == 0);
	}

	private static void checkText(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw invalid("A text of the authorization_details has an unpaired surrogate");
			}
		}
	}

	private static boolean allStrings(JsonNode array) {
		for (JsonNode element : array) {
			if (!element.isString()) {
				return false;
			}
		}
		return true;
	}

	private static int depth(JsonNode node) {
		if (!node.isContainer()) {
			return 0;
		}
		int deepest = 0;
		for (JsonNode child : node.values()) {
			deepest = Math.max(deepest, depth(child));
		}
		return deepest + 1;
	}

	private static InvalidAuthorizationDetailsException invalid(String description) {
		return new InvalidAuthorizationDetailsException(description);
	}

}
