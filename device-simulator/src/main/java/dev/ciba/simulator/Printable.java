package dev.ciba.simulator;

import org.jspecify.annotations.Nullable;

/**
 * Makes text from the server safe to print on a terminal.
 */
final class Printable {

	private Printable() {
	}

	/**
	 * The text with control characters (which could move the cursor or recolour the
	 * terminal) replaced by {@code ?}.
	 */
	static String clean(@Nullable String text) {
		if (text == null) {
			return "";
		}
		StringBuilder clean = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return clean.toString();
	}

}
