package dev.ciba.push.auth;

import java.util.regex.Pattern;

import dev.ciba.push.DeviceApiException;
import dev.ciba.push.jwt.DeviceJwtVerification.Verified;
import org.jspecify.annotations.Nullable;

/**
 * The claims of a device's answer.
 *
 * @param pushAuthId the push authentication answered
 * @param challenge the challenge echoed from the push
 * @param decision {@code APPROVED} or {@code DENIED}
 */
record DeviceAnswer(String pushAuthId, String challenge, PushAuthStatus decision) {

	private static final int MAX_CLAIM_LENGTH = 256;

	private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]+");

	/**
	 * Reads the answer claims of a verified token.
	 * @throws DeviceApiException if one is missing or malformed
	 */
	static DeviceAnswer from(Verified jwt) {
		String pushAuthId = urlSafe(required(jwt.stringClaim("pushAuthId"), "pushAuthId"), "pushAuthId");
		String challenge = urlSafe(required(jwt.stringClaim("challenge"), "challenge"), "challenge");
		String response = required(jwt.stringClaim("response"), "response");
		return new DeviceAnswer(pushAuthId, challenge, decision(response));
	}

	boolean approved() {
		return this.decision == PushAuthStatus.APPROVED;
	}

	private static PushAuthStatus decision(String response) {
		return switch (response) {
			case "APPROVED" -> PushAuthStatus.APPROVED;
			case "DENIED" -> PushAuthStatus.DENIED;
			default -> throw DeviceApiException.invalidRequest("The token claim response must be APPROVED or DENIED");
		};
	}

	private static String required(@Nullable String value, String claim) {
		if (value == null || value.isEmpty() || value.length() > MAX_CLAIM_LENGTH) {
			throw DeviceApiException.invalidRequest("The token claim " + claim + " is missing or malformed");
		}
		return value;
	}

	// The server makes both values from base64url alphabets; anything else cannot be ours
	// and must not reach SQL
	// (PostgreSQL refuses NUL characters in text).
	private static String urlSafe(String value, String claim) {
		if (!URL_SAFE.matcher(value).matches()) {
			throw DeviceApiException.invalidRequest("The token claim " + claim + " is missing or malformed");
		}
		return value;
	}

	@Override
	public String toString() {
		return "DeviceAnswer[decision=" + this.decision + "]";
	}

}
