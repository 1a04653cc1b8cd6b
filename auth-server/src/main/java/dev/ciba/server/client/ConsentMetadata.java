package dev.ciba.server.client;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What a client's requests ask the customer: {@code authorization_details_types} (RFC
 * 9396 §10, the only types the client may send, stored as a JSON array) and
 * {@code number_matching_required} (our own, stored as {@code true} only).
 */
final class ConsentMetadata {

	/** The most types a client may register. */
	static final int MAX_TYPES = 10;

	/** The longest type; the same bound as in a request. */
	static final int MAX_TYPE_LENGTH = 100;

	/**
	 * The longest list as stored (a JSON array): the client settings column holds 4000
	 * characters with everything else, the keys included.
	 */
	static final int MAX_STORED_LENGTH = 300;

	private ConsentMetadata() {
	}

	/**
	 * Checks the types: at most {@value #MAX_TYPES} distinct strings of 1 to
	 * {@value #MAX_TYPE_LENGTH} characters without control or formatting characters, at
	 * most {@value #MAX_STORED_LENGTH} characters in all as a JSON array.
	 * @throws InvalidClientMetadataException naming the metadata at fault
	 */
	static void validate(ClientMetadata metadata) {
		List<String> types = metadata.authorizationDetailsTypes();
		if (types.size() > MAX_TYPES || new HashSet<>(types).size() != types.size()) {
			throw new InvalidClientMetadataException(CibaClientSettings.AUTHORIZATION_DETAILS_TYPES,
					"must list at most " + MAX_TYPES + " distinct types");
		}
		if (!types.isEmpty()
				&& CibaClientSettings.authorizationDetailsTypesSetting(types).length() > MAX_STORED_LENGTH) {
			throw new InvalidClientMetadataException(CibaClientSettings.AUTHORIZATION_DETAILS_TYPES,
					"must take at most " + MAX_STORED_LENGTH + " characters as a JSON array");
		}
		for (String type : types) {
			if (type == null || type.isBlank() || type.length() > MAX_TYPE_LENGTH || type.codePoints()
				.anyMatch((c) -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
				throw new InvalidClientMetadataException(CibaClientSettings.AUTHORIZATION_DETAILS_TYPES,
						"must hold types of 1 to " + MAX_TYPE_LENGTH
								+ " characters without control or formatting characters");
			}
		}
	}

	/**
	 * Puts the metadata into the client settings.
	 */
	static void apply(ClientMetadata metadata, Map<String, Object> settings) {
		if (!metadata.authorizationDetailsTypes().isEmpty()) {
			settings.put(CibaClientSettings.AUTHORIZATION_DETAILS_TYPES,
					CibaClientSettings.authorizationDetailsTypesSetting(metadata.authorizationDetailsTypes()));
		}
		if (metadata.numberMatchingRequired()) {
			settings.put(CibaClientSettings.NUMBER_MATCHING_REQUIRED, Boolean.TRUE);
		}
	}

}
