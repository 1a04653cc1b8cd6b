package dev.ciba.server.ciba;

import java.text.Normalizer;

/**
 * The rule for binding messages: at most 64 characters after NFC normalisation; letters
 * and combining marks of any script, digits, the space, and
 * {@code . , : ; ! ? ' - _ / ( ) # + & @ % € $ £}. Nothing else: no control characters,
 * no markup, no other symbols.
 * <p>
 * CIBA Core §7.1 asks for a short message that shows on both the consumption and the
 * authentication device; a message the phone cannot show plainly is refused with
 * {@code invalid_binding_message} (§13).
 */
public class BindingMessageValidator {

	/** Most characters (code points) in a binding message after normalisation. */
	public static final int MAX_LENGTH = 64;

	private static final String PUNCTUATION = ".,:;!?'-_/()#+&@%€$£";

	/**
	 * The normalised message.
	 * @throws org.springframework.security.oauth2.core.OAuth2AuthenticationException
	 * {@code invalid_binding_message}
	 */
	public String validate(String message) {
		String normalised = Normalizer.normalize(message, Normalizer.Form.NFC);
		if (normalised.codePointCount(0, normalised.length()) > MAX_LENGTH) {
			throw CibaErrors.authentication(CibaErrors.INVALID_BINDING_MESSAGE,
					"The binding_message must have at most " + MAX_LENGTH + " characters");
		}
		if (normalised.isBlank() || !normalised.codePoints().allMatch(BindingMessageValidator::allowed)) {
			throw CibaErrors.authentication(CibaErrors.INVALID_BINDING_MESSAGE,
					"The binding_message may contain only letters, digits, spaces and common punctuation");
		}
		return normalised;
	}

	private static boolean allowed(int codePoint) {
		if (codePoint == ' ' || PUNCTUATION.indexOf(codePoint) >= 0) {
			return true;
		}
		int type = Character.getType(codePoint);
		return Character.isLetter(codePoint) || Character.isDigit(codePoint) || type == Character.NON_SPACING_MARK
				|| type == Character.COMBINING_SPACING_MARK;
	}

}
