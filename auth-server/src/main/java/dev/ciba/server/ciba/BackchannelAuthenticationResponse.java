package dev.ciba.server.ciba;

/**
 * A successful backchannel authentication response (CIBA Core 1.0 §7.3).
 *
 * @param authReqId the new {@code auth_req_id}
 * @param expiresIn its lifetime in seconds
 * @param interval the minimum time between polls in seconds, or {@code null} for push
 * clients, which never poll
 * @param numberChallenge the number the client shows the customer with number matching,
 * or {@code null} without (the extension member {@value #NUMBER_CHALLENGE})
 */
public record BackchannelAuthenticationResponse(AuthReqId authReqId, int expiresIn, Integer interval,
		String numberChallenge) {

	/**
	 * Our extension member of the acknowledgement: the two-digit number the customer must
	 * pick on the phone, to be shown next to the binding message.
	 */
	public static final String NUMBER_CHALLENGE = "number_challenge";

	/**
	 * A response without number matching.
	 */
	public BackchannelAuthenticationResponse(AuthReqId authReqId, int expiresIn, Integer interval) {
		this(authReqId, expiresIn, interval, null);
	}

	/**
	 * Leaves out the {@code auth_req_id} and the number.
	 */
	@Override
	public String toString() {
		return "BackchannelAuthenticationResponse[expiresIn=" + this.expiresIn + "]";
	}

}
