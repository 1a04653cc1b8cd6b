package dev.ciba.portal;

/**
 * The customers' user codes (CIBA Core 1.0 §7.1 {@code user_code}): a secret a customer
 * chooses here and tells a client, which sends it with a backchannel authentication
 * request to prove that the customer agreed to be asked. The application that runs the
 * portal implements this port; the portal only sets codes and asks whether one is set, it
 * never reads one back.
 */
public interface UserCodes {

	/**
	 * Whether the customer has set a user code.
	 */
	boolean hasUserCode(String customerId);

	/**
	 * Sets or replaces the customer's user code, ending any lock-out of the previous one.
	 * @param code the new code in clear; it must pass {@link UserCodeRule}
	 * @throws IllegalArgumentException when the code breaks the rule or the customer does
	 * not exist
	 */
	void set(String customerId, String code);

}
