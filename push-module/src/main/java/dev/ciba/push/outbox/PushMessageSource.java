package dev.ciba.push.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * Builds the push for an outbox row from the current state of the request and the device.
 */
public interface PushMessageSource {

	/**
	 * The push to send, or empty if there is nothing to send any more (the request ended
	 * or expired, the device was removed or lost its token).
	 */
	Optional<PushMessage> messageFor(String pushAuthId, String deviceId, Instant now);

}
