package dev.ciba.server.consent;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Accepted {@code authorization_details} (RFC 9396 §2): a non-empty JSON array of
 * objects, each with a string {@code type}. Made only by
 * {@link AuthorizationDetailsParser}.
 */
public final class AuthorizationDetails {

	private final String json;

	private final List<JsonNode> entries;

	AuthorizationDetails(String json, List<JsonNode> entries) {
		this.json = json;
		this.entries = List.copyOf(entries);
	}

	/**
	 * The details as compact JSON text: what is stored, returned in the token response
	 * and put in the access token (RFC 9396 §7).
	 */
	public String json() {
		return this.json;
	}

	/**
	 * The objects of the array, in request order.
	 */
	public List<JsonNode> entries() {
		return this.entries;
	}

	/**
	 * The distinct {@code type}s, in request order.
	 */
	public Set<String> types() {
		Set<String> types = new LinkedHashSet<>();
		for (JsonNode entry : this.entries) {
			types.add(entry.get(AuthorizationDetailsParser.TYPE).stringValue());
		}
		return types;
	}

	/**
	 * Leaves out the details: they may name accounts and amounts.
	 */
	@Override
	public String toString() {
		return "AuthorizationDetails[types=" + types().size() + "]";
	}

}
