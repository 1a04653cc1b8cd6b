package dev.ciba.simulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request waiting for the phone's answer, as the server lists it (the fields of the
 * push data).
 *
 * @param pushId the push authentication id, sent back as {@code pushAuthId}
 * @param challenge the challenge, sent back unchanged
 * @param deviceId the device the request was sent to
 * @param username the customer's username
 * @param tenantDomain the tenant name
 * @param relativePath the tenant path the answer goes to, such as {@code /t/acme}
 * @param applicationName the name of the client that asks
 * @param notificationScenario the scenario, {@code AUTHENTICATION}
 * @param ipAddress where the client's request came from
 * @param bindingMessage the binding message shown on the client's screen
 * @param scope the requested scopes, space separated
 * @param requestTime when the request was made
 * @param expiresAt when the request expires
 * @param scopeDescriptions each requested scope with the server's description, in request
 * order ({@code scopeDescriptions}); empty when the server sent none
 * @param authorizationDetails the authorization details in words
 * ({@code authorizationDetails}); empty when the request has none
 * @param numberChoices the numbers to pick from when the request has number matching
 * ({@code numberChallenge}); empty without
 */
public record PendingRequest(String pushId, String challenge, @Nullable String deviceId, @Nullable String username,
		@Nullable String tenantDomain, @Nullable String relativePath, @Nullable String applicationName,
		@Nullable String notificationScenario, @Nullable String ipAddress, @Nullable String bindingMessage,
		@Nullable String scope, @Nullable Instant requestTime, @Nullable Instant expiresAt,
		Map<String, String> scopeDescriptions, List<ShownAuthorizationDetail> authorizationDetails,
		List<String> numberChoices) {

	private static final String WHAT = "a pending request";

	public PendingRequest {
		scopeDescriptions = Collections.unmodifiableMap(new LinkedHashMap<>(scopeDescriptions));
		authorizationDetails = List.copyOf(authorizationDetails);
		numberChoices = List.copyOf(numberChoices);
	}

	/**
	 * A request without scope descriptions, authorization details or number matching.
	 */
	public PendingRequest(String pushId, String challenge, @Nullable String deviceId, @Nullable String username,
			@Nullable String tenantDomain, @Nullable String relativePath, @Nullable String applicationName,
			@Nullable String notificationScenario, @Nullable String ipAddress, @Nullable String bindingMessage,
			@Nullable String scope, @Nullable Instant requestTime, @Nullable Instant expiresAt) {
		this(pushId, challenge, deviceId, username, tenantDomain, relativePath, applicationName, notificationScenario,
				ipAddress, bindingMessage, scope, requestTime, expiresAt, Map.of(), List.of(), List.of());
	}

	/**
	 * Whether approving needs the number the client shows.
	 */
	public boolean needsNumber() {
		return !this.numberChoices.isEmpty();
	}

	/**
	 * Reads the body of the pending endpoint, {@code {"pending": [ ... ]}}. Unknown
	 * members are ignored; only {@code pushId} and {@code challenge} are required in each
	 * entry, and times that are absent or not ISO-8601 instants become {@code null}.
	 * @param json the response body
	 * @return the entries in the server's order
	 * @throws IllegalArgumentException if the body is not of that shape
	 */
	public static List<PendingRequest> parseList(String json) {
		return parseList(json, PendingRequest::fromJson);
	}

	/**
	 * Reads the body of the pending endpoint for a phone of generation 1: each entry in
	 * the keys of its push data. {@code sessionDataKey} becomes the push id,
	 * {@code organization} the tenant, and {@code binding_message} and {@code scope} are
	 * read from the JSON text in {@code metadata} (left {@code null} when it is not
	 * JSON).
	 * @param json the response body
	 * @return the entries in the server's order
	 * @throws IllegalArgumentException if the body is not of that shape or an entry lacks
	 * {@code sessionDataKey} or {@code challenge}
	 */
	public static List<PendingRequest> parseWso2V1List(String json) {
		return parseList(json, PendingRequest::fromWso2V1Json);
	}

	private static List<PendingRequest> parseList(String json, Function<JsonNode, PendingRequest> reader) {
		JsonNode body = Json.readObject(json, "the pending list");
		JsonNode entries = body.get("pending");
		if (entries == null || !entries.isArray()) {
			throw new IllegalArgumentException("the pending list lacks the \"pending\" array");
		}
		List<PendingRequest> requests = new ArrayList<>();
		for (JsonNode entry : entries) {
			if (!entry.isObject()) {
				throw new IllegalArgumentException(WHAT + " is not a JSON object");
			}
			requests.add(reader.apply(entry));
		}
		return List.copyOf(requests);
	}

	private static PendingRequest fromJson(JsonNode entry) {
		return new PendingRequest(Json.requiredText(entry, "pushId", WHAT), Json.requiredText(entry, "challenge", WHAT),
				Json.text(entry, "deviceId"), Json.text(entry, "username"), Json.text(entry, "tenantDomain"),
				Json.text(entry, "relativePath"), Json.text(entry, "applicationName"),
				Json.text(entry, "notificationScenario"), Json.text(entry, "ipAddress"),
				Json.text(entry, "bindingMessage"), Json.text(entry, "scope"), instant(entry, "requestTime"),
				instant(entry, "expiresAt"), scopeDescriptions(Json.text(entry, "scopeDescriptions")),
				ShownAuthorizationDetail.parseList(Json.text(entry, "authorizationDetails")),
				numberChoices(Json.text(entry, "numberChallenge")));
	}

	// A JSON object of strings as text; anything else gives no descriptions.
	private static Map<String, String> scopeDescriptions(@Nullable String text) {
		if (text == null) {
			return Map.of();
		}
		JsonNode object;
		try {
			object = Json.MAPPER.readTree(text);
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
		Map<String, String> descriptions = new LinkedHashMap<>();
		if (object != null && object.isObject()) {
			object.properties().forEach((member) -> {
				if (member.getValue().isString()) {
					descriptions.put(member.getKey(), member.getValue().stringValue());
				}
			});
		}
		return descriptions;
	}

	// Comma-separated numbers, such as "17,42,86".
	private static List<String> numberChoices(@Nullable String text) {
		if (text == null) {
			return List.of();
		}
		return Arrays.stream(text.split(",")).map(String::strip).filter((choice) -> !choice.isEmpty()).toList();
	}

	private static PendingRequest fromWso2V1Json(JsonNode entry) {
		JsonNode metadata = metadata(Json.text(entry, "metadata"));
		return new PendingRequest(Json.requiredText(entry, "sessionDataKey", WHAT),
				Json.requiredText(entry, "challenge", WHAT), Json.text(entry, "deviceId"), Json.text(entry, "username"),
				Json.text(entry, "organization"), null, Json.text(entry, "applicationName"), null,
				Json.text(entry, "ipAddress"), (metadata != null) ? Json.text(metadata, "binding_message") : null,
				(metadata != null) ? Json.text(metadata, "scope") : null, null, instant(entry, "expiresAt"));
	}

	private static @Nullable JsonNode metadata(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return Json.readObject(text, "the metadata");
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static @Nullable Instant instant(JsonNode entry, String name) {
		String text = Json.text(entry, name);
		if (text == null) {
			return null;
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
