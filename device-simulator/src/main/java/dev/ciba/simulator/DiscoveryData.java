package dev.ciba.simulator;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a registration QR code holds: the JSON the server's discovery-data endpoint
 * returns.
 *
 * @param deviceId the id the new device is to have
 * @param username the customer's username, or {@code null} if the server left it out
 * @param host the server's public base URL, for example {@code http://localhost:8080}
 * @param tenantDomain the tenant name, the {@code {tenant}} of every device path
 * @param challenge the single-use challenge the device signs when it registers
 */
public record DiscoveryData(String deviceId, @Nullable String username, String host, String tenantDomain,
		String challenge) {

	private static final String WHAT = "the discovery data";

	/**
	 * Checks the fields the device cannot do without and drops a trailing slash from the
	 * host.
	 * @throws IllegalArgumentException if a required field is blank or the host is not an
	 * absolute http or https URL
	 */
	public DiscoveryData {
		requireText(deviceId, "deviceId");
		requireText(host, "host");
		requireText(tenantDomain, "tenantDomain");
		requireText(challenge, "challenge");
		host = checkedHost(host);
	}

	/**
	 * Reads the JSON of a QR code or of the discovery-data endpoint. Unknown members are
	 * ignored.
	 * @param json the JSON text
	 * @return the discovery data
	 * @throws IllegalArgumentException if the text is not a JSON object with
	 * {@code deviceId}, {@code host}, {@code tenantDomain} and {@code challenge}
	 */
	public static DiscoveryData parse(String json) {
		JsonNode object = Json.readObject(json, WHAT);
		return new DiscoveryData(Json.requiredText(object, "deviceId", WHAT), Json.text(object, "username"),
				Json.requiredText(object, "host", WHAT), Json.requiredText(object, "tenantDomain", WHAT),
				Json.requiredText(object, "challenge", WHAT));
	}

	/**
	 * The JSON the server puts in a QR code, for tests that play the server.
	 */
	public String toJson() {
		Map<String, @Nullable String> members = new LinkedHashMap<>();
		members.put("deviceId", this.deviceId);
		members.put("username", this.username);
		members.put("host", this.host);
		members.put("tenantDomain", this.tenantDomain);
		members.put("challenge", this.challenge);
		members.values().removeIf((value) -> value == null);
		return Json.write(members);
	}

	/**
	 * The host without trailing slashes, checked to be an absolute http or https URL.
	 */
	static String checkedHost(String host) {
		String trimmed = withoutTrailingSlash(host);
		requireHttpUrl(trimmed);
		return trimmed;
	}

	private static void requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(WHAT + " lacks \"" + name + "\"");
		}
	}

	private static String withoutTrailingSlash(String host) {
		String trimmed = host.strip();
		while (trimmed.endsWith("/")) {
			trimmed = trimmed.substring(0, trimmed.length() - 1);
		}
		return trimmed;
	}

	private static void requireHttpUrl(String host) {
		URI uri;
		try {
			uri = URI.create(host);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("the host in " + WHAT + " is not a URL", ex);
		}
		String scheme = uri.getScheme();
		boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
		if (!web || uri.getHost() == null) {
			throw new IllegalArgumentException("the host in " + WHAT + " must be an http or https URL");
		}
	}

}
