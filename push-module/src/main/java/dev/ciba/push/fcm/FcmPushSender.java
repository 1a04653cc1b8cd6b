package dev.ciba.push.fcm;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.firebase.ErrorCode;
import com.google.firebase.FirebaseApp;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import dev.ciba.push.outbox.PushMessage;
import dev.ciba.push.outbox.PushSendResult;
import dev.ciba.push.outbox.PushSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pushes as FCM HTTP v1 messages through {@code firebase-admin}: the push data as
 * the data message, the title and body as a notification, Android priority high and a
 * time to live no longer than the request's remaining life.
 * <p>
 * Failures a retry may cure (FCM unavailable or failing, quota exceeded, network errors)
 * are retryable; a token FCM no longer knows is the permanent {@code unregistered};
 * refusals caused by the configuration (invalid argument, sender id mismatch, APNs or
 * credential failures) are permanent and logged at ERROR once per code for the life of
 * the sender. Neither the token nor the data is ever logged.
 */
public class FcmPushSender implements PushSender, AutoCloseable {

	/**
	 * The key of the push data that holds the request's expiry as an ISO-8601 instant.
	 */
	public static final String EXPIRES_AT = "expiresAt";

	static final String UNREGISTERED = PushSendResult.UNREGISTERED;

	static final String IO_ERROR = "io_error";

	private static final Logger logger = LoggerFactory.getLogger(FcmPushSender.class);

	private static final Set<ErrorCode> RETRYABLE_ERRORS = Set.of(ErrorCode.UNAVAILABLE, ErrorCode.INTERNAL,
			ErrorCode.RESOURCE_EXHAUSTED, ErrorCode.DEADLINE_EXCEEDED, ErrorCode.ABORTED, ErrorCode.UNKNOWN);

	private final FirebaseApp app;

	private final FirebaseMessaging messaging;

	private final Clock clock;

	private final Set<String> reportedCodes = ConcurrentHashMap.newKeySet();

	/**
	 * @param app the Firebase app to send through; {@link #close()} deletes it
	 * @param clock the clock the remaining life of a request is measured with
	 */
	public FcmPushSender(FirebaseApp app, Clock clock) {
		this.app = app;
		this.messaging = FirebaseMessaging.getInstance(app);
		this.clock = clock;
	}

	// Known gap: firebase-admin retries a 503 by itself (four more times, about 7.5 s of
	// back-off in all) before
	// this method sees the failure, and offers no public setting to turn that off; one
	// such send holds its
	// dispatcher thread that long. The outbox's own retries come on top.
	@Override
	public PushSendResult send(PushMessage message) {
		if (message.pushToken() == null || message.pushToken().isBlank()) {
			return permanentFailure("missing_token");
		}
		try {
			this.messaging.send(toFcmMessage(message));
			return PushSendResult.sent();
		}
		catch (FirebaseMessagingException ex) {
			return classify(ex);
		}
	}

	Message toFcmMessage(PushMessage message) {
		Message.Builder builder = Message.builder()
			.setToken(message.pushToken())
			.setAndroidConfig(androidConfig(message));
		message.data().forEach((key, value) -> {
			if (value != null) {
				builder.putData(key, value);
			}
		});
		if (message.title() != null || message.body() != null) {
			builder.setNotification(Notification.builder().setTitle(message.title()).setBody(message.body()).build());
		}
		return builder.build();
	}

	private AndroidConfig androidConfig(PushMessage message) {
		AndroidConfig.Builder builder = AndroidConfig.builder().setPriority(AndroidConfig.Priority.HIGH);
		Instant expiresAt = expiresAt(message.data());
		if (expiresAt != null) {
			Duration remaining = Duration.between(this.clock.instant(), expiresAt);
			// Whole seconds, rounded down, so that FCM never keeps the push past the
			// request.
			builder.setTtl(Math.max(0, remaining.getSeconds()) * 1000);
		}
		return builder.build();
	}

	// Without a readable expiry no TTL is set (FCM's default applies); the push source
	// always puts one in, so this only guards against a malformed message.
	private static Instant expiresAt(Map<String, String> data) {
		String value = data.get(EXPIRES_AT);
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private PushSendResult classify(FirebaseMessagingException ex) {
		MessagingErrorCode messagingCode = ex.getMessagingErrorCode();
		if (messagingCode == MessagingErrorCode.UNREGISTERED || ex.getErrorCode() == ErrorCode.NOT_FOUND) {
			return PushSendResult.permanent(UNREGISTERED);
		}
		if (messagingCode == MessagingErrorCode.UNAVAILABLE || messagingCode == MessagingErrorCode.INTERNAL
				|| messagingCode == MessagingErrorCode.QUOTA_EXCEEDED) {
			return PushSendResult.retryable(code(messagingCode.name()));
		}
		if (messagingCode != null) {
			return permanentFailure(code(messagingCode.name()));
		}
		if (ex.getHttpResponse() == null && ex.getCause() instanceof IOException) {
			return PushSendResult.retryable(IO_ERROR);
		}
		if (RETRYABLE_ERRORS.contains(ex.getErrorCode())) {
			return PushSendResult.retryable(code(ex.getErrorCode().name()));
		}
		return permanentFailure(code(String.valueOf(ex.getErrorCode())));
	}

	private PushSendResult permanentFailure(String code) {
		if (this.reportedCodes.add(code)) {
			logger.error("FCM refused a push with '{}'; further refusals with this code are logged at DEBUG only "
					+ "(check the FCM credentials and project)", code);
		}
		else {
			logger.debug("FCM refused a push with '{}'", code);
		}
		return PushSendResult.permanent(code);
	}

	private static String code(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * Deletes the Firebase app this sender sends through.
	 */
	@Override
	public void close() {
		this.app.delete();
	}

}
