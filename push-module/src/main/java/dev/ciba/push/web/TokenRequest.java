package dev.ciba.push.web;

import org.jspecify.annotations.Nullable;

/**
 * The body of the remove and update calls: {@code {"token": JWT}}.
 */
record TokenRequest(@Nullable String token) {

	@Override
	public String toString() {
		return "TokenRequest";
	}

}
