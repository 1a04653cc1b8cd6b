package dev.ciba.push.registration;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.api.DiscoveryData;
import tools.jackson.databind.json.JsonMapper;

/**
 * The content of a registration QR code in the short keys of generation 1 ("push-auth")
 * of the WSO2 protocol, made from the same registration as the generation-2 code.
 * {@code fn} and {@code ln} (first and last name) are left out: customers have no names,
 * and the SDK treats both as optional.
 *
 * @param did the id the new device will have
 * @param un the customer's username
 * @param td the tenant name
 * @param hst the public base URL of the server
 * @param bp the base path of the "me" API, {@code /t/{tenant}/api/users/v1/me}
 * @param re the registration path, relative to {@code hst + bp}
 * @param ae the answer path, relative to {@code hst}
 * @param rde the remove path as WSO2 sends it, relative to {@code hst + bp}; the SDK does
 * not use it and removes at {@code {bp}/push-auth/devices/{did}/remove}
 * @param chg the single-use challenge the device signs
 */
public record Wso2V1DiscoveryData(String did, String un, String td, String hst, String bp, String re, String ae,
		String rde, String chg) {

	/**
	 * The registration path below {@link #bp}.
	 */
	public static final String REGISTRATION_PATH = "/push-auth/devices";

	/**
	 * The remove path below {@link #bp} as WSO2 puts it in the QR code.
	 */
	public static final String REMOVE_PATH = "/push-auth/devices/remove";

	private static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * The generation-1 form of discovery data.
	 */
	public static Wso2V1DiscoveryData of(DiscoveryData data, PushChannelSettings settings) {
		String tenantPath = settings.tenantPath();
		return new Wso2V1DiscoveryData(data.deviceId(), data.username(), settings.tenant(), settings.publicBaseUrl(),
				tenantPath + "/api/users/v1/me", REGISTRATION_PATH, tenantPath + "/push-auth/authenticate", REMOVE_PATH,
				data.challenge());
	}

	/**
	 * The JSON of the QR code, keys in the order WSO2 sends them.
	 */
	public String toJson() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("did", this.did);
		fields.put("un", this.un);
		fields.put("td", this.td);
		fields.put("hst", this.hst);
		fields.put("bp", this.bp);
		fields.put("re", this.re);
		fields.put("ae", this.ae);
		fields.put("rde", this.rde);
		fields.put("chg", this.chg);
		return JSON.writeValueAsString(fields);
	}

	/**
	 * Names the device only: the challenge is a one-time secret.
	 */
	@Override
	public String toString() {
		return "Wso2V1DiscoveryData[did=" + this.did + "]";
	}

}
