package dev.ciba.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;

/**
 * What the token endpoint answered to one poll.
 *
 * @param status the HTTP status
 * @param cacheControl the {@code Cache-Control} header, or {@code null}
 * @param response the tokens or the error
 */
record TokenAnswer(int status, String cacheControl, TokenResponse response) {

	/**
	 * The directives of the {@code Cache-Control} header, lower case and trimmed; empty
	 * without the header. RFC 6749 §5.1 asks for {@code no-store} among them.
	 */
	List<String> cacheControlDirectives() {
		if (this.cacheControl == null) {
			return List.of();
		}
		return Arrays.stream(this.cacheControl.split(","))
			.map((directive) -> directive.strip().toLowerCase(Locale.ROOT))
			.toList();
	}

	/**
	 * The error code, or {@code null} when tokens were issued.
	 */
	String errorCode() {
		return this.response.indicatesSuccess() ? null : this.response.toErrorResponse().getErrorObject().getCode();
	}

	/**
	 * The tokens; fails the test with the error when there are none.
	 */
	OIDCTokens tokens() {
		if (!this.response.indicatesSuccess()) {
			throw new AssertionError("No tokens but HTTP " + this.status + ": "
					+ this.response.toErrorResponse().getErrorObject().toJSONObject());
		}
		return ((OIDCTokenResponse) this.response.toSuccessResponse()).getOIDCTokens();
	}

}
