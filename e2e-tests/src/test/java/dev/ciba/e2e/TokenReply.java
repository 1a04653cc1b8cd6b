package dev.ciba.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import net.minidev.json.JSONObject;

/**
 * What the token endpoint answered.
 *
 * @param http the HTTP answer as received
 */
record TokenReply(HTTPResponse http) {

	int status() {
		return this.http.getStatusCode();
	}

	JSONObject json() {
		return OAuthErrors.json(this.http);
	}

	/**
	 * The error code, or {@code null} when tokens were issued.
	 */
	String errorCode() {
		TokenResponse response = parsed();
		return response.indicatesSuccess() ? null : response.toErrorResponse().getErrorObject().getCode();
	}

	/**
	 * The tokens, the ID token {@code null} when none came; fails the test with the error
	 * when there are none.
	 */
	OIDCTokens tokens() {
		TokenResponse response = parsed();
		if (!response.indicatesSuccess()) {
			throw new AssertionError("No tokens but HTTP " + status() + ": " + this.http.getBody());
		}
		if (response.toSuccessResponse() instanceof OIDCTokenResponse oidc) {
			return oidc.getOIDCTokens();
		}
		// No ID token, as in a refresh that issues none.
		Tokens tokens = response.toSuccessResponse().getTokens();
		return new OIDCTokens(tokens.getAccessToken(), tokens.getRefreshToken());
	}

	/**
	 * The directives of {@code Cache-Control}, lower case; empty without the header.
	 */
	List<String> cacheControlDirectives() {
		String cacheControl = this.http.getHeaderValue("Cache-Control");
		if (cacheControl == null) {
			return List.of();
		}
		return Arrays.stream(cacheControl.split(","))
			.map((directive) -> directive.strip().toLowerCase(Locale.ROOT))
			.toList();
	}

	private TokenResponse parsed() {
		try {
			return OIDCTokenResponseParser.parse(this.http);
		}
		catch (ParseException ex) {
			throw new AssertionError("Not a token response (HTTP " + status() + "): " + this.http.getBody(), ex);
		}
	}

}
