package dev.ciba.push.web;

import org.jspecify.annotations.Nullable;

/**
 * The body of the answer call: {@code {"authResponse": JWT}}.
 */
record AuthenticateRequest(@Nullable String authResponse) {

	@Override
	public String toString() {
		return "AuthenticateRequest";
	}

}
