package dev.ciba.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a registration QR code of generation 1 ("push-auth") of the WSO2 protocol holds:
 * short keys. The WSO2 SDK needs {@code did}, {@code un}, {@code hst}, {@code bp} and
 * {@code chg}; this phone also needs {@code td} (for the audience of its tokens and the
 * pending pull) and {@code ae} (where answers go), and takes {@code re} as
 * {@code /push-auth/devices} when it is absent. {@code fn}, {@code ln} and {@code rde}
 * are ignored.
 *
 * @param did the id the new device is to have
 * @param un the customer's username, or {@code null}
 * @param td the tenant name
 * @param hst the server's public base URL
 * @param bp the base path of the "me" API, such as {@code /t/acme/api/users/v1/me}
 * @param re the registration path below {@code hst + bp}
 * @param ae the answer path below {@code hst}
 * @param chg the single-use challenge the device signs when it registers
 */
public record Wso2V1DiscoveryData(String did, @Nullable String un, String td, String hst, String bp, String re,
		String ae, String chg) {

	/**
	 * The registration path WSO2 servers put in {@code re}.
	 */
	public static final String DEFAULT_REGISTRATION_PATH = "/push-auth/devices";

	private static final String WHAT = "the generation-1 discovery data";

	/**
	 * Checks the fields the device cannot do without and drops a trailing slash from the
	 * host.
	 * @throws IllegalArgumentException if a required field is blank, a path does not
	 * start with {@code /} or the host is not an absolute http or https URL
	 */
	public Wso2V1DiscoveryData {
		requireText(did, "did");
		requireText(td, "td");
		requireText(hst, "hst");
		requireText(chg, "chg");
		requirePath(bp, "bp");
		requirePath(re, "re");
		requirePath(ae, "ae");
		hst = DiscoveryData.checkedHost(hst);
	}

	/**
	 * Reads the JSON of a generation-1 QR code. Unknown members are ignored.
	 * @throws IllegalArgumentException if the text is not a JSON object with the members
	 * this phone needs
	 */
	public static Wso2V1DiscoveryData parse(String json) {
		JsonNode object = Json.readObject(json, WHAT);
		String re = Json.text(object, "re");
		return new Wso2V1DiscoveryData(Json.requiredText(object, "did", WHAT), Json.text(object, "un"),
				Json.requiredText(object, "td", WHAT), Json.requiredText(object, "hst", WHAT),
				Json.requiredText(object, "bp", WHAT), (re != null) ? re : DEFAULT_REGISTRATION_PATH,
				Json.requiredText(object, "ae", WHAT), Json.requiredText(object, "chg", WHAT));
	}

	/**
	 * The JSON a server puts in such a QR code, for tests that play the server.
	 */
	public String toJson() {
		Map<String, @Nullable String> members = new LinkedHashMap<>();
		members.put("did", this.did);
		members.put("un", this.un);
		members.put("td", this.td);
		members.put("hst", this.hst);
		members.put("bp", this.bp);
		members.put("re", this.re);
		members.put("ae", this.ae);
		members.put("chg", this.chg);
		members.values().removeIf((value) -> value == null);
		return Json.write(members);
	}

	private static void requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(WHAT + " lacks \"" + name + "\"");
		}
	}

	private static void requirePath(@Nullable String value, String name) {
		requireText(value, name);
		if (!value.startsWith("/")) {
			throw new IllegalArgumentException("\"" + name + "\" in " + WHAT + " must start with /");
		}
	}

}
