package dev.ciba.server.customer;

/**
 * The outcome of comparing a {@code user_code} with a customer's stored user code.
 */
public enum UserCodeVerification {

	/** The code is right; the count of wrong codes starts again. */
	MATCHED,

	/**
	 * The code is wrong (or breaks the rule, so cannot be right); the attempt counted.
	 */
	WRONG,

	/**
	 * The code is locked after too many wrong codes, or is being tried by so many
	 * requests at once that this one could not be counted; nothing was compared.
	 */
	LOCKED,

	/** The customer has set no user code; nothing was compared. */
	NOT_SET

}
