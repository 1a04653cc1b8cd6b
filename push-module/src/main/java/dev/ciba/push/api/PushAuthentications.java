package dev.ciba.push.api;

/**
 * Starts push authentications. Implemented by the push module, called by the server.
 */
public interface PushAuthentications {

	/**
	 * Records a push authentication for every active device of the customer and queues
	 * one push per device. Runs in the caller's transaction; the pushes go out only after
	 * it commits.
	 * @throws NoActiveDeviceException when the customer has no active device (nothing is
	 * stored)
	 */
	PushAuthStarted start(PushAuthStart start);

	/**
	 * Closes a push authentication that ended elsewhere (for example expired), so that
	 * devices no longer see it. Does nothing if it was already answered or closed.
	 */
	void close(String pushAuthId);

}
