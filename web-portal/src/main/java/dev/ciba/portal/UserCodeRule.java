package dev.ciba.portal;

/**
 * What a user code may be: {@value #MIN_LENGTH} to {@value #MAX_LENGTH} characters, each
 * a printable ASCII character other than the space (letters {@code A-Z a-z}, digits and
 * punctuation such as {@code - . _ ! # *}).
 * <p>
 * Customers type the code on devices of the client's choosing (a shop terminal, a
 * partner's app) whose keyboards are unknown; printable ASCII is what every keyboard
 * offers, and leaves no doubt about Unicode normalisation or leading and trailing spaces.
 * It also keeps every code within the 72 bytes that bcrypt hashes.
 */
public final class UserCodeRule {

	/** Fewest characters of a user code. */
	public static final int MIN_LENGTH = 4;

	/** Most characters of a user code. */
	public static final int MAX_LENGTH = 32;

	private static final char FIRST_ALLOWED = '!';

	private static final char LAST_ALLOWED = '~';

	private UserCodeRule() {
	}

	/**
	 * Checks a candidate code.
	 * @param code the code, or {@code null}
	 * @return {@link Verdict#ACCEPTABLE}, or the first rule it breaks
	 */
	public static Verdict check(String code) {
		if (code == null || code.length() < MIN_LENGTH) {
			return Verdict.TOO_SHORT;
		}
		if (code.length() > MAX_LENGTH) {
			return Verdict.TOO_LONG;
		}
		for (int i = 0; i < code.length(); i++) {
			char c = code.charAt(i);
			if (c < FIRST_ALLOWED || c > LAST_ALLOWED) {
				return Verdict.FORBIDDEN_CHARACTER;
			}
		}
		return Verdict.ACCEPTABLE;
	}

	/**
	 * Whether the code follows the rule.
	 */
	public static boolean isAcceptable(String code) {
		return check(code) == Verdict.ACCEPTABLE;
	}

	/**
	 * The outcome of {@link #check(String)}.
	 */
	public enum Verdict {

		/** The code follows the rule. */
		ACCEPTABLE,

		/** Fewer than {@value UserCodeRule#MIN_LENGTH} characters. */
		TOO_SHORT,

		/** More than {@value UserCodeRule#MAX_LENGTH} characters. */
		TOO_LONG,

		/** A character outside printable ASCII, or a space. */
		FORBIDDEN_CHARACTER

	}

}
