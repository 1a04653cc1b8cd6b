package dev.ciba.push.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * One device event, as it is recorded; the time is the recorder's.
 * <p>
 * Build events with the factories: they name a request only by
 * {@link #requestReference(String) its reference}, never by the push authentication id,
 * and take no token of any kind.
 *
 * @param type what happened
 * @param customerId the device's customer, {@code null} only for a refusal that names no
 * known device
 * @param deviceId the device, {@code null} only for a refusal that names none
 * @param requestReference the hash of the push authentication id, or {@code null}
 * @param reason the reason code, or {@code null} for events that have none
 */
public record DeviceEvent(DeviceEventType type, @Nullable String customerId, @Nullable String deviceId,
		@Nullable String requestReference, @Nullable String reason) {

	/**
	 * The reason of a {@link DeviceEventType#REMOVED} event when the phone removed
	 * itself.
	 */
	public static final String BY_DEVICE = "DEVICE";

	/**
	 * The reason of a {@link DeviceEventType#REMOVED} event when the customer removed it
	 * in the portal.
	 */
	public static final String BY_PORTAL = "PORTAL";

	/** The reason of an {@link DeviceEventType#ANSWERED} event that approved. */
	public static final String APPROVED = "APPROVED";

	/** The reason of an {@link DeviceEventType#ANSWERED} event that denied. */
	public static final String DENIED = "DENIED";

	/** The longest reason code kept; a longer provider error code is cut. */
	public static final int MAX_REASON_LENGTH = 64;

	private static final int MAX_ID_LENGTH = 64;

	public DeviceEvent {
		if (type == null) {
			throw new IllegalArgumentException("type is required");
		}
		if (type != DeviceEventType.REFUSED && (customerId == null || deviceId == null)) {
			throw new IllegalArgumentException("Only a refusal may lack the customer or the device");
		}
		checkLength(customerId, MAX_ID_LENGTH, "customerId");
		checkLength(deviceId, MAX_ID_LENGTH, "deviceId");
		checkLength(reason, MAX_REASON_LENGTH, "reason");
	}

	public static DeviceEvent registered(String customerId, String deviceId) {
		return new DeviceEvent(DeviceEventType.REGISTERED, customerId, deviceId, null, null);
	}

	public static DeviceEvent updated(String customerId, String deviceId) {
		return new DeviceEvent(DeviceEventType.UPDATED, customerId, deviceId, null, null);
	}

	public static DeviceEvent keyRotated(String customerId, String deviceId) {
		return new DeviceEvent(DeviceEventType.KEY_ROTATED, customerId, deviceId, null, null);
	}

	/**
	 * @param by {@link #BY_DEVICE} or {@link #BY_PORTAL}
	 */
	public static DeviceEvent removed(String customerId, String deviceId, String by) {
		return new DeviceEvent(DeviceEventType.REMOVED, customerId, deviceId, null, by);
	}

	public static DeviceEvent notified(String customerId, String deviceId, String pushAuthId) {
		return new DeviceEvent(DeviceEventType.NOTIFIED, customerId, deviceId, requestReference(pushAuthId), null);
	}

	/**
	 * @param errorCode the push provider's error code (never a token); cut to
	 * {@value #MAX_REASON_LENGTH} characters
	 */
	public static DeviceEvent pushFailed(String customerId, String deviceId, String pushAuthId, String errorCode) {
		String reason = (errorCode.length() <= MAX_REASON_LENGTH) ? errorCode
				: errorCode.substring(0, MAX_REASON_LENGTH);
		return new DeviceEvent(DeviceEventType.PUSH_FAILED, customerId, deviceId, requestReference(pushAuthId), reason);
	}

	public static DeviceEvent answered(String customerId, String deviceId, String pushAuthId, boolean approved) {
		return new DeviceEvent(DeviceEventType.ANSWERED, customerId, deviceId, requestReference(pushAuthId),
				approved ? APPROVED : DENIED);
	}

	/**
	 * A refused call.
	 * @param customerId the customer of the device, if it is known
	 * @param deviceId the device the call named, if any
	 * @param pushAuthId the push authentication the call was about, if known
	 * @param reason why it was refused
	 */
	public static DeviceEvent refused(@Nullable String customerId, @Nullable String deviceId,
			@Nullable String pushAuthId, RefusalReason reason) {
		return new DeviceEvent(DeviceEventType.REFUSED, customerId, deviceId,
				(pushAuthId != null) ? requestReference(pushAuthId) : null, reason.name());
	}

	/**
	 * The reference of a push authentication in the audit trail: the SHA-256 hash of its
	 * id, base64url without padding (43 characters). The id itself is a bearer-like value
	 * (the phone's {@code pushId}) and is never recorded.
	 */
	public static String requestReference(String pushAuthId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(pushAuthId.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

	private static void checkLength(@Nullable String value, int max, String name) {
		if (value != null && value.length() > max) {
			throw new IllegalArgumentException(name + " is longer than " + max + " characters");
		}
	}

}
