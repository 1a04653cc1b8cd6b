package dev.ciba.push.auth;

import java.util.regex.Pattern;

import dev.ciba.push.DeviceApiException;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.jwt.DeviceJwtVerification.Verified;
import org.jspecify.annotations.Nullable;

/**
 * The claims of a device's answer.
 *
 * @param pushAuthId the push authentication answered
 * @param challenge the challenge echoed from the push
 * @param decision {@code APPROVED} or {@code DENIED}
 * @param claims the names of the answer claims in the device's protocol generation
 */
record DeviceAnswer(String pushAuthId, String challenge, PushAuthStatus decision, Claims claims) {

	private static final int MAX_CLAIM_LENGTH = 256;

	private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]+");

	/**
	 * Reads the answer claims of a verified token of generation 2.
	 * @throws DeviceApiException if one is missing or malformed
	 */
	static DeviceAnswer from(Verified jwt) {
		return from(jwt, DeviceProtocol.WSO2_PUSH);
	}

	/**
	 * Reads the answer claims of a verified token of a protocol generation.
	 * @throws DeviceApiException if one is missing or malformed
	 */
	static DeviceAnswer from(Verified jwt, DeviceProtocol protocol) {
		Claims claims = Claims.of(protocol);
		String pushAuthId = urlSafe(required(jwt.stringClaim(claims.pushAuthId()), claims.pushAuthId()),
				claims.pushAuthId());
		String challenge = urlSafe(required(jwt.stringClaim(claims.challenge()), claims.challenge()),
				claims.challenge());
		String response = required(jwt.stringClaim(claims.response()), claims.response());
		return new DeviceAnswer(pushAuthId, challenge, claims.decision(response), claims);
	}

	boolean approved() {
		return this.decision == PushAuthStatus.APPROVED;
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

	/**
	 * The answer claims of a protocol generation and the value that approves.
	 *
	 * @param pushAuthId the claim naming the push authentication
	 * @param challenge the claim echoing the challenge
	 * @param response the claim holding the decision
	 * @param approvedValue the decision value that approves ({@code DENIED} denies in
	 * both)
	 */
	record Claims(String pushAuthId, String challenge, String response, String approvedValue) {

		/**
		 * Generation 2: {@code pushAuthId}, {@code challenge}, {@code response} =
		 * {@code APPROVED} | {@code DENIED}.
		 */
		static final Claims WSO2_PUSH = new Claims("pushAuthId", "challenge", "response", "APPROVED");

		/**
		 * Generation 1: {@code sid} (the {@code sessionDataKey} of the push),
		 * {@code chg}, {@code res} = {@code SUCCESSFUL} | {@code DENIED}.
		 */
		static final Claims WSO2_PUSH_AUTH = new Claims("sid", "chg", "res", "SUCCESSFUL");

		static Claims of(DeviceProtocol protocol) {
			return (protocol == DeviceProtocol.WSO2_PUSH_AUTH) ? WSO2_PUSH_AUTH : WSO2_PUSH;
		}

		PushAuthStatus decision(String response) {
			if (this.approvedValue.equals(response)) {
				return PushAuthStatus.APPROVED;
			}
			if ("DENIED".equals(response)) {
				return PushAuthStatus.DENIED;
			}
			throw DeviceApiException
				.invalidRequest("The token claim " + this.response + " must be " + this.approvedValue + " or DENIED");
		}

	}

}
