package dev.ciba.e2e;

import java.io.IOException;
import java.net.URI;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import net.minidev.json.JSONObject;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic client registration at the advertised {@code registration_endpoint}, each
 * registration with a fresh initial access token that the operator's client
 * ({@link SuiteClient#REGISTRAR}) gets with the {@code client_credentials} grant and
 * scope {@code client.create}.
 */
final class DynamicRegistration {

	private final ConformanceClient registrar;

	private final URI endpoint;

	DynamicRegistration(ConformanceClient registrar, URI endpoint) {
		this.registrar = registrar;
		this.endpoint = endpoint;
	}

	/**
	 * POSTs the metadata as JSON with a fresh initial access token.
	 */
	HTTPResponse register(JSONObject metadata) throws IOException {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, this.endpoint);
		request.setHeader("Content-Type", "application/json");
		request.setAuthorization(initialAccessToken().toAuthorizationHeader());
		request.setBody(metadata.toJSONString());
		return request.send();
	}

	/**
	 * Registers and checks that the server accepted: {@code 201} with a
	 * {@code client_id}.
	 * @return the registered client's metadata as the server answered it
	 */
	JSONObject registerAccepted(JSONObject metadata) throws IOException {
		HTTPResponse response = register(metadata);
		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
		JSONObject registered = OAuthErrors.json(response);
		assertThat(registered.get("client_id")).isInstanceOf(String.class);
		return registered;
	}

	private BearerAccessToken initialAccessToken() throws IOException {
		TokenReply reply = this.registrar.clientCredentials(new Scope("client.create"));
		assertThat(reply.status()).as(reply.http().getBody()).isEqualTo(200);
		return new BearerAccessToken(reply.tokens().getAccessToken().getValue());
	}

}
