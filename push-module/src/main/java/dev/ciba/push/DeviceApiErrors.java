package dev.ciba.push;

/**
 * The error codes of the device API (the {@code error} member of every error body).
 */
public final class DeviceApiErrors {

	/**
	 * The request is malformed, or a token or signature in it is not acceptable.
	 */
	public static final String INVALID_REQUEST = "invalid_request";

	/**
	 * The bearer token of the pending-request pull is missing or not acceptable (RFC 6750
	 * §3.1).
	 */
	public static final String INVALID_TOKEN = "invalid_token";

	/**
	 * The device or customer may not do this.
	 */
	public static final String ACCESS_DENIED = "access_denied";

	/**
	 * The push authentication has expired or ended.
	 */
	public static final String EXPIRED_TOKEN = "expired_token";

	/**
	 * A registration beyond the most devices one customer may have.
	 */
	public static final String DEVICE_LIMIT_REACHED = "device_limit_reached";

	/**
	 * An approval of a request with number matching lacks the number the client shows, or
	 * names another.
	 */
	public static final String INVALID_NUMBER_CHALLENGE = "invalid_number_challenge";

	/**
	 * No such resource, for example a wrong tenant.
	 */
	public static final String NOT_FOUND = "not_found";

	/**
	 * An abuse limit was reached (too many registration attempts, a device locked after
	 * bad signatures); the {@code Retry-After} header says when to try again.
	 */
	public static final String TOO_MANY_REQUESTS = "too_many_requests";

	/**
	 * The HTTP method is not supported on this path.
	 */
	public static final String METHOD_NOT_ALLOWED = "method_not_allowed";

	/**
	 * The server failed; nothing the caller did.
	 */
	public static final String SERVER_ERROR = "server_error";

	private DeviceApiErrors() {
	}

}
