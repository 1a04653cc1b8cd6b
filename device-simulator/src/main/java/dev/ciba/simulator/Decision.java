package dev.ciba.simulator;

/**
 * What the phone's user decides; the name is the {@code response} claim of the answer.
 */
public enum Decision {

	/**
	 * The user approves the request.
	 */
	APPROVED,

	/**
	 * The user refuses the request.
	 */
	DENIED

}
