package dev.ciba.push.device;

/**
 * The generation of the WSO2 push protocol a device registered with. It decides the form
 * of the push data the device gets and of the tokens it may sign; a device never
 * switches.
 */
public enum DeviceProtocol {

	/**
	 * Generation 2, "push" (Identity Server 7.x, the Flutter SDK): header
	 * {@code deviceId}, answer claims {@code pushAuthId}, {@code challenge},
	 * {@code response}.
	 */
	WSO2_PUSH("deviceId", 2),

	/**
	 * Generation 1, "push-auth" (the React Native SDK and its sample app "WSO2 Verify"):
	 * header {@code did}, answer claims {@code sid}, {@code chg}, {@code res}. Accepted
	 * only while the compatibility profile is on.
	 */
	WSO2_PUSH_AUTH("did", 1);

	private final String deviceIdHeader;

	private final int generation;

	DeviceProtocol(String deviceIdHeader, int generation) {
		this.deviceIdHeader = deviceIdHeader;
		this.generation = generation;
	}

	/**
	 * The generation's number, as the portal shows it.
	 */
	public int generation() {
		return this.generation;
	}

	/**
	 * The JOSE header parameter that names the signing device.
	 */
	public String deviceIdHeader() {
		return this.deviceIdHeader;
	}

}
