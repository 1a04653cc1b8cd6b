package dev.ciba.e2e;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;
import com.nimbusds.oauth2.sdk.ciba.CIBAResponse;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import net.minidev.json.JSONObject;

/**
 * What the backchannel authentication endpoint answered.
 *
 * @param http the HTTP answer as received
 * @param notificationToken the {@code client_notification_token} sent, or {@code null}
 */
record BackchannelReply(HTTPResponse http, BearerAccessToken notificationToken) {

	int status() {
		return this.http.getStatusCode();
	}

	/**
	 * The body as a JSON object.
	 */
	JSONObject json() {
		return OAuthErrors.json(this.http);
	}

	/**
	 * The acknowledgement as Nimbus parses it; fails the test with the error when the
	 * request was refused.
	 */
	CIBARequestAcknowledgement acknowledgement() {
		CIBAResponse response = parsed();
		if (!response.indicatesSuccess()) {
			throw new AssertionError("The request was refused with HTTP " + status() + ": " + this.http.getBody());
		}
		return response.toRequestAcknowledgement();
	}

	AuthRequestID authReqId() {
		return acknowledgement().getAuthRequestID();
	}

	private CIBAResponse parsed() {
		try {
			return CIBAResponse.parse(this.http);
		}
		catch (ParseException ex) {
			throw new AssertionError("Not a CIBA response (HTTP " + status() + "): " + this.http.getBody(), ex);
		}
	}

}
