package dev.ciba.e2e;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.util.URLUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The test-only approval hook of the {@code conformance-hook} module,
 * {@code POST /conformance/decide}: decides a request as the customer's phone would.
 */
final class ApprovalHook {

	static final String PATH = "/conformance/decide";

	private final URI endpoint;

	ApprovalHook(String baseUrl) {
		this.endpoint = URI.create(baseUrl + PATH);
	}

	/**
	 * Approves a pending request and checks that the hook did.
	 */
	void approve(AuthRequestID authRequestId) throws IOException {
		HTTPResponse response = decide(authRequestId.getValue(), "approve");
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
		assertThat(OAuthErrors.json(response)).containsExactly(entry("status", "APPROVED"));
	}

	/**
	 * Denies a pending request and checks that the hook did.
	 */
	void deny(AuthRequestID authRequestId) throws IOException {
		HTTPResponse response = decide(authRequestId.getValue(), "deny");
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
		assertThat(OAuthErrors.json(response)).containsExactly(entry("status", "DENIED"));
	}

	/**
	 * One call of the hook, whatever it answers.
	 */
	HTTPResponse decide(String authReqId, String decision) throws IOException {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, this.endpoint);
		request.setHeader("Content-Type", "application/x-www-form-urlencoded");
		request.setBody(
				URLUtils.serializeParameters(Map.of("auth_req_id", List.of(authReqId), "decision", List.of(decision))));
		return request.send();
	}

}
