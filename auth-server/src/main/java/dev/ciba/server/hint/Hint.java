package dev.ciba.server.hint;

import java.util.Objects;

/**
 * The one hint of a backchannel authentication request.
 *
 * @param type which hint it is
 * @param value the value as sent; personal data, never logged
 */
public record Hint(HintType type, String value) {

	public Hint {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(value, "value");
	}

	@Override
	public String toString() {
		return "Hint[type=" + this.type.parameterName() + "]";
	}

}
