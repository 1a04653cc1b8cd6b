package dev.ciba.simulator;

import java.util.Locale;

/**
 * The generation of the WSO2 push protocol a phone speaks.
 */
public enum Protocol {

	/**
	 * Generation 2, "push" (Identity Server 7.x, the Flutter SDK): the server's own
	 * protocol, and the default.
	 */
	WSO2_V2("wso2-v2"),

	/**
	 * Generation 1, "push-auth" (the React Native SDK and its sample app "WSO2 Verify"):
	 * short QR keys, {@code pushId}, header {@code did}, claims {@code sid}, {@code chg},
	 * {@code res}. The server speaks it only while its compatibility profile is on.
	 */
	WSO2_V1("wso2-v1");

	private final String cliName;

	Protocol(String cliName) {
		this.cliName = cliName;
	}

	/**
	 * The name on the command line and in the state file.
	 */
	public String cliName() {
		return this.cliName;
	}

	/**
	 * The protocol a user typed: {@code wso2-v2} or {@code wso2-v1}, in any case.
	 * @throws IllegalArgumentException for anything else
	 */
	public static Protocol fromName(String name) {
		for (Protocol protocol : values()) {
			if (protocol.cliName.equals(name.toLowerCase(Locale.ROOT))) {
				return protocol;
			}
		}
		throw new IllegalArgumentException("protocol must be wso2-v2 or wso2-v1");
	}

}
