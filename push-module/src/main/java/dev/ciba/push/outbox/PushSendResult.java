package dev.ciba.push.outbox;

/**
 * What became of one push.
 */
public sealed interface PushSendResult {

	/**
	 * The error code of a permanent failure because the provider no longer knows the
	 * device's push token (FCM's {@code UNREGISTERED}); the device's token is then marked
	 * stale.
	 */
	String UNREGISTERED = "unregistered";

	static PushSendResult sent() {
		return new Sent();
	}

	/**
	 * A failure worth retrying later (the provider is unavailable, a quota is exceeded).
	 */
	static PushSendResult retryable(String errorCode) {
		return new RetryableFailure(errorCode);
	}

	/**
	 * A failure that a retry will not cure (the token is no longer registered, the
	 * message was refused).
	 */
	static PushSendResult permanent(String errorCode) {
		return new PermanentFailure(errorCode);
	}

	/**
	 * The provider accepted the push.
	 */
	record Sent() implements PushSendResult {
	}

	/**
	 * @param errorCode the provider's error code, never a token
	 */
	record RetryableFailure(String errorCode) implements PushSendResult {
	}

	/**
	 * @param errorCode the provider's error code, never a token
	 */
	record PermanentFailure(String errorCode) implements PushSendResult {
	}

}
