package dev.ciba.simulator;

/**
 * What the phone's user decides; the name is the {@code response} claim of the answer in
 * generation 2 of the protocol, {@link #wso2V1Value()} the {@code res} claim in
 * generation 1.
 */
public enum Decision {

	/**
	 * The user approves the request.
	 */
	APPROVED,

	/**
	 * The user refuses the request.
	 */
	DENIED;

	/**
	 * The value of the {@code res} claim in generation 1: {@code SUCCESSFUL} or
	 * {@code DENIED}.
	 */
	public String wso2V1Value() {
		return (this == APPROVED) ? "SUCCESSFUL" : "DENIED";
	}

}
