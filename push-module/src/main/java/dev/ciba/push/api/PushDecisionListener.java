package dev.ciba.push.api;

/**
 * Port through which the push module tells the server what a device decided. Implemented
 * by the server.
 */
public interface PushDecisionListener {

	/**
	 * Called inside the transaction that records the device's answer, after every device
	 * check passed.
	 * @return {@code true} if the decision was taken; {@code false} if the request had
	 * already ended (answered, expired or cancelled), in which case the device is told so
	 * and the transaction is rolled back
	 */
	boolean onDecision(PushDecision decision);

}
