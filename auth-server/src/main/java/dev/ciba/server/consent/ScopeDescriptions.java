package dev.ciba.server.consent;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ciba.server.config.CibaProperties;

/**
 * The words the phone shows for each requested scope: {@code ciba.scopes.descriptions},
 * over English defaults for the scopes of OpenID Connect Core §5.4 and §11. A scope
 * without a description is shown as its name. Descriptions are checked at start-up.
 */
public class ScopeDescriptions {

	/** The longest description. */
	static final int MAX_DESCRIPTION_LENGTH = 200;

	/**
	 * The most characters the descriptions of one request take (they travel in a push
	 * message, which is small); scopes past it are left out, and the phone shows them by
	 * name from the {@code scope}.
	 */
	static final int MAX_TOTAL_LENGTH = 3000;

	/** The descriptions used unless configured otherwise. */
	static final Map<String, String> DEFAULTS = defaults();

	private final Map<String, String> descriptions;

	public ScopeDescriptions(CibaProperties properties) {
		this(properties.getScopes().getDescriptions());
	}

	ScopeDescriptions(Map<String, String> configured) {
		Map<String, String> descriptions = new LinkedHashMap<>(DEFAULTS);
		configured.forEach((scope, description) -> descriptions.put(scope, checked(scope, description)));
		this.descriptions = Map.copyOf(descriptions);
	}

	/**
	 * Each scope with its description, in the given order.
	 */
	public Map<String, String> describe(Collection<String> scopes) {
		Map<String, String> described = new LinkedHashMap<>();
		int length = 0;
		for (String scope : scopes) {
			String description = this.descriptions.getOrDefault(scope, scope);
			// Quotes, colon and comma of the JSON object, counted generously.
			length += scope.length() + description.length() + 6;
			if (length > MAX_TOTAL_LENGTH) {
				break;
			}
			described.put(scope, description);
		}
		return described;
	}

	private static String checked(String scope, String description) {
		if (description == null || description.isBlank() || description.length() > MAX_DESCRIPTION_LENGTH
				|| description.codePoints()
					.anyMatch((c) -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
			throw new IllegalStateException("ciba.scopes.descriptions." + scope + " must have 1 to "
					+ MAX_DESCRIPTION_LENGTH + " characters without control or formatting characters");
		}
		return description;
	}

	private static Map<String, String> defaults() {
		Map<String, String> defaults = new LinkedHashMap<>();
		defaults.put("openid", "Confirm who you are");
		defaults.put("profile", "See your name and basic profile");
		defaults.put("email", "See your e-mail address");
		defaults.put("address", "See your postal address");
		defaults.put("phone", "See your phone number");
		defaults.put("offline_access", "Keep access while you are away, until you withdraw it");
		return Map.copyOf(defaults);
	}

}
