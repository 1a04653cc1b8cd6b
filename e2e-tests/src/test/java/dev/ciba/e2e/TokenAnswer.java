package dev.ciba.e2e;

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
