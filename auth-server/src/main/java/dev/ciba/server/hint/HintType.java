package dev.ciba.server.hint;

import java.util.Optional;

/**
 * The three ways a client names the end-user in a backchannel authentication request
 * (CIBA Core 1.0 §7.1), each with its parameter name, which is also its name in the
 * client metadata {@code allowed_hints}.
 */
public enum HintType {

	/** {@code login_hint}: the customer's username, or else their e-mail address. */
	LOGIN_HINT("login_hint"),

	/** {@code id_token_hint}: an ID token this server issued to the client. */
	ID_TOKEN_HINT("id_token_hint"),

	/**
	 * {@code login_hint_token}: a short-lived token this server minted for a customer.
	 */
	LOGIN_HINT_TOKEN("login_hint_token");

	private final String parameterName;

	HintType(String parameterName) {
		this.parameterName = parameterName;
	}

	/**
	 * The request parameter (or request object claim) that carries this hint.
	 */
	public String parameterName() {
		return this.parameterName;
	}

	/**
	 * The hint type with the given parameter name, if any.
	 */
	public static Optional<HintType> fromParameterName(String name) {
		for (HintType type : values()) {
			if (type.parameterName.equals(name)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

}
