package dev.ciba.server.hint;

/**
 * A hint that names no customer the request may be for. The backchannel endpoint turns
 * the reason into the error code of CIBA Core §13.
 */
public class HintException extends RuntimeException {

	private final Reason reason;

	HintException(Reason reason, String description) {
		super(description, null, false, false);
		this.reason = reason;
	}

	/**
	 * Why the hint was refused.
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Why a hint was refused.
	 */
	public enum Reason {

		/**
		 * The hint is malformed, not ours, badly signed, or of a type the client may not
		 * use.
		 */
		INVALID,

		/** A genuine {@code login_hint_token} past its expiry. */
		EXPIRED,

		/** The hint is genuine but names no customer, or a disabled one. */
		UNKNOWN_USER

	}

}
