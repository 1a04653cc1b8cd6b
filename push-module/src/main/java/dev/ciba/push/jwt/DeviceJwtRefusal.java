package dev.ciba.push.jwt;

import dev.ciba.push.DeviceApiErrors;
import dev.ciba.push.audit.RefusalReason;

import org.springframework.http.HttpStatus;

/**
 * Why a device token was refused, with the error it is answered with.
 */
public enum DeviceJwtRefusal {

	MALFORMED("The token is not a well-formed signed JWT", false),

	MISSING_DEVICE_ID("The token header has no deviceId", false),

	MISSING_DID("The token header has no did", false),

	WRONG_PROTOCOL("The token form does not fit the device's protocol generation", true),

	DEVICE_MISMATCH(HttpStatus.FORBIDDEN, DeviceApiErrors.ACCESS_DENIED, "The token belongs to another device", true),

	UNKNOWN_DEVICE("The device is not registered", false),

	DEVICE_REMOVED("The device is not registered", true),

	ALGORITHM_NOT_ALLOWED("The token algorithm does not fit the device key", true),

	BAD_SIGNATURE("The token signature does not verify", true),

	MISSING_EXPIRY("The token has no exp claim", false),

	EXPIRED("The token has expired", false),

	NOT_YET_VALID("The token is not valid yet (nbf)", false),

	MISSING_NOT_BEFORE("The token has no nbf claim", false),

	ISSUED_IN_FUTURE("The token iat claim is in the future", false),

	MISSING_ISSUED_AT("The token has no iat claim", false),

	LIFETIME_TOO_LONG("The token lives longer than allowed", false),

	WRONG_PURPOSE("The token purpose claim does not fit this call", true),

	WRONG_ACTION("The token act claim does not fit this call", true),

	WRONG_AUDIENCE("The token aud claim does not name this server", true),

	MISSING_JTI("The token has no jti claim", false),

	REPLAYED("The token was already used", true);

	private final HttpStatus status;

	private final String error;

	private final String description;

	private final boolean securityEvent;

	DeviceJwtRefusal(String description, boolean securityEvent) {
		this(HttpStatus.BAD_REQUEST, DeviceApiErrors.INVALID_REQUEST, description, securityEvent);
	}

	DeviceJwtRefusal(HttpStatus status, String error, String description, boolean securityEvent) {
		this.status = status;
		this.error = error;
		this.description = description;
		this.securityEvent = securityEvent;
	}

	/**
	 * The status a refusal is answered with where the token comes in the body.
	 */
	public HttpStatus status() {
		return this.status;
	}

	public String error() {
		return this.error;
	}

	/**
	 * A description for the caller; it names the problem, never a value.
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Whether the refusal hints at an attack (logged as a warning).
	 */
	public boolean securityEvent() {
		return this.securityEvent;
	}

	/**
	 * The reason code of the refusal in the audit trail.
	 */
	public RefusalReason auditReason() {
		return switch (this) {
			case MALFORMED, MISSING_DEVICE_ID, MISSING_DID, MISSING_EXPIRY, MISSING_ISSUED_AT, MISSING_JTI,
					MISSING_NOT_BEFORE ->
				RefusalReason.MALFORMED_TOKEN;
			case DEVICE_MISMATCH -> RefusalReason.DEVICE_MISMATCH;
			case UNKNOWN_DEVICE -> RefusalReason.UNKNOWN_DEVICE;
			case DEVICE_REMOVED -> RefusalReason.REMOVED_DEVICE;
			case ALGORITHM_NOT_ALLOWED -> RefusalReason.ALGORITHM_NOT_ALLOWED;
			case BAD_SIGNATURE -> RefusalReason.BAD_SIGNATURE;
			case EXPIRED -> RefusalReason.EXPIRED_TOKEN;
			case NOT_YET_VALID, ISSUED_IN_FUTURE, LIFETIME_TOO_LONG -> RefusalReason.TOKEN_TIMES;
			case WRONG_PURPOSE, WRONG_ACTION -> RefusalReason.WRONG_PURPOSE;
			case WRONG_PROTOCOL -> RefusalReason.WRONG_PROTOCOL;
			case WRONG_AUDIENCE -> RefusalReason.WRONG_AUDIENCE;
			case REPLAYED -> RefusalReason.REPLAYED_TOKEN;
		};
	}

}
