package dev.ciba.e2e;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.ciba.CIBAGrant;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;
import com.nimbusds.oauth2.sdk.ciba.CIBAResponse;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.rar.AuthorizationDetail;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

/**
 * The demo client as an independent relying party: Nimbus' OAuth SDK finds the endpoints
 * through discovery, starts CIBA requests, redeems them at the token endpoint with
 * {@code client_secret_basic} and verifies ID tokens against the published keys.
 */
final class CibaClient {

	static final String CLIENT_ID = "demo-client";

	static final String CLIENT_NAME = "Demo Bank Partner";

	private static final Secret CLIENT_SECRET = new Secret("demo-client-secret-0123456789abcdef");

	static final Scope SCOPE = new Scope("openid", "profile", "email");

	private final OIDCProviderMetadata metadata;

	private final ClientAuthentication authentication;

	private CibaClient(OIDCProviderMetadata metadata) {
		this(metadata, new ClientSecretBasic(new ClientID(CLIENT_ID), CLIENT_SECRET));
	}

	private CibaClient(OIDCProviderMetadata metadata, ClientAuthentication authentication) {
		this.metadata = metadata;
		this.authentication = authentication;
	}

	/**
	 * Reads the provider's discovery document; Nimbus checks that it names the issuer.
	 */
	static CibaClient discover(String issuer) throws GeneralException, IOException {
		return new CibaClient(OIDCProviderMetadata.resolve(new Issuer(issuer)));
	}

	/**
	 * Reads the provider's discovery document, for another client than the demo client
	 * (authenticating with {@code client_secret_basic}).
	 */
	static CibaClient discover(String issuer, String clientId, String secret) throws GeneralException, IOException {
		return new CibaClient(OIDCProviderMetadata.resolve(new Issuer(issuer)),
				new ClientSecretBasic(new ClientID(clientId), new Secret(secret)));
	}

	/**
	 * Reads the discovery document of one node of several that share an issuer, from the
	 * node's own address, and checks that it names the issuer. The endpoints it
	 * advertises are the issuer's (the load balancer's); this client calls the node's
	 * instead, the same paths on the node's own address.
	 * @param issuer the issuer every node is configured with
	 * @param nodeBaseUrl the node's own base URL
	 */
	static CibaClient throughNode(String issuer, String nodeBaseUrl) throws GeneralException, IOException {
		HTTPResponse response = new HTTPRequest(HTTPRequest.Method.GET,
				URI.create(nodeBaseUrl + "/.well-known/openid-configuration"))
			.send();
		if (response.getStatusCode() != 200) {
			throw new AssertionError("Discovery on " + nodeBaseUrl + " answered HTTP " + response.getStatusCode());
		}
		OIDCProviderMetadata metadata = OIDCProviderMetadata.parse(response.getBody());
		if (!metadata.getIssuer().getValue().equals(issuer)) {
			throw new AssertionError("The node " + nodeBaseUrl + " names the issuer " + metadata.getIssuer());
		}
		metadata.setTokenEndpointURI(onNode(metadata.getTokenEndpointURI(), issuer, nodeBaseUrl));
		metadata.setBackChannelAuthenticationEndpointURI(
				onNode(metadata.getBackChannelAuthenticationEndpointURI(), issuer, nodeBaseUrl));
		metadata.setJWKSetURI(onNode(metadata.getJWKSetURI(), issuer, nodeBaseUrl));
		return new CibaClient(metadata);
	}

	private static URI onNode(URI endpoint, String issuer, String nodeBaseUrl) {
		String url = endpoint.toString();
		if (!url.startsWith(issuer + "/")) {
			throw new AssertionError("The endpoint " + url + " is not under the issuer " + issuer);
		}
		return URI.create(nodeBaseUrl + url.substring(issuer.length()));
	}

	OIDCProviderMetadata metadata() {
		return this.metadata;
	}

	/**
	 * Starts a CIBA request for {@link #SCOPE} with the provider's default lifetime.
	 */
	BackchannelAnswer startRequest(String loginHint, String bindingMessage) throws IOException {
		return startRequest(loginHint, bindingMessage, (Integer) null);
	}

	/**
	 * Starts a CIBA request for {@link #SCOPE}.
	 * @param requestedExpiry the lifetime asked for in seconds, or {@code null}
	 */
	BackchannelAnswer startRequest(String loginHint, String bindingMessage, Integer requestedExpiry)
			throws IOException {
		return send(new CIBARequest.Builder(this.authentication, SCOPE).loginHint(loginHint)
			.bindingMessage(bindingMessage)
			.requestedExpiry(requestedExpiry));
	}

	/**
	 * Starts a CIBA request for {@link #SCOPE} with {@code authorization_details} (RFC
	 * 9396).
	 */
	BackchannelAnswer startRequest(String loginHint, String bindingMessage, List<AuthorizationDetail> details)
			throws IOException {
		return send(new CIBARequest.Builder(this.authentication, SCOPE).loginHint(loginHint)
			.bindingMessage(bindingMessage)
			.authorizationDetails(details));
	}

	/**
	 * Starts a CIBA request for {@code openid} of a ping or push client, with its
	 * {@code client_notification_token}.
	 */
	BackchannelAnswer startNotifiedRequest(String loginHint, String bindingMessage, String notificationToken)
			throws IOException {
		return send(new CIBARequest.Builder(this.authentication, new Scope("openid")).loginHint(loginHint)
			.bindingMessage(bindingMessage)
			.clientNotificationToken(new BearerAccessToken(notificationToken)));
	}

	private BackchannelAnswer send(CIBARequest.Builder builder) throws IOException {
		CIBARequest request = builder.endpointURI(this.metadata.getBackChannelAuthenticationEndpointURI()).build();
		HTTPResponse response = request.toHTTPRequest().send();
		try {
			return new BackchannelAnswer(response.getStatusCode(), CIBAResponse.parse(response), Instant.now(),
					response.getBody());
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError(
					"Not a CIBA response (HTTP " + response.getStatusCode() + "): " + response.getBody(), ex);
		}
	}

	/**
	 * A poller for an acknowledged request that keeps to the request's interval.
	 */
	TokenPolling polling(CIBARequestAcknowledgement acknowledgement) {
		return new TokenPolling(this, acknowledgement);
	}

	/**
	 * One token request with the CIBA grant, sent now.
	 */
	TokenAnswer redeem(AuthRequestID authRequestId) throws IOException {
		URI tokenEndpoint = this.metadata.getTokenEndpointURI();
		TokenRequest request = new TokenRequest(tokenEndpoint, this.authentication, new CIBAGrant(authRequestId));
		HTTPResponse response = request.toHTTPRequest().send();
		try {
			return new TokenAnswer(response.getStatusCode(), response.getHeaderValue("Cache-Control"),
					OIDCTokenResponseParser.parse(response));
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError(
					"Not a token response (HTTP " + response.getStatusCode() + "): " + response.getBody(), ex);
		}
	}

	/**
	 * Verifies an ID token (RS256 signature, issuer, audience, times) with the keys the
	 * provider publishes now.
	 */
	IDTokenClaimsSet validateIdToken(JWT idToken) throws IOException, BadJOSEException, JOSEException {
		IDTokenValidator validator = new IDTokenValidator(this.metadata.getIssuer(), new ClientID(CLIENT_ID),
				JWSAlgorithm.RS256, this.metadata.getJWKSetURI().toURL());
		return validator.validate(idToken, null);
	}

	/**
	 * Verifies an ID token with a key set fetched earlier.
	 */
	IDTokenClaimsSet validateIdToken(JWT idToken, JWKSet keys) throws BadJOSEException, JOSEException {
		IDTokenValidator validator = new IDTokenValidator(this.metadata.getIssuer(), new ClientID(CLIENT_ID),
				JWSAlgorithm.RS256, keys);
		return validator.validate(idToken, null);
	}

	/**
	 * The provider's key set as published now.
	 */
	JWKSet publishedKeys() throws IOException, ParseException {
		return JWKSet.load(this.metadata.getJWKSetURI().toURL());
	}

	/**
	 * Asks the introspection endpoint (RFC 7662) whether a token is active.
	 */
	boolean isActive(Token token) throws IOException {
		URI endpoint = this.metadata.getIntrospectionEndpointURI();
		HTTPResponse response = new TokenIntrospectionRequest(endpoint, this.authentication, token).toHTTPRequest()
			.send();
		try {
			TokenIntrospectionResponse parsed = TokenIntrospectionResponse.parse(response);
			if (!parsed.indicatesSuccess()) {
				throw new IllegalStateException("Introspection failed with status " + response.getStatusCode());
			}
			return parsed.toSuccessResponse().isActive();
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new IllegalStateException("Unreadable introspection answer", ex);
		}
	}

	/**
	 * What the backchannel authentication endpoint answered.
	 *
	 * @param status the HTTP status
	 * @param response the acknowledgement or the error
	 * @param receivedAt when the answer arrived
	 * @param body the answer's body as received
	 */
	record BackchannelAnswer(int status, CIBAResponse response, Instant receivedAt, String body) {

		/**
		 * A member of the JSON body, such as an extension member Nimbus does not read.
		 */
		Object member(String name) throws ParseException {
			return JSONObjectUtils.parse(this.body).get(name);
		}

		CIBARequestAcknowledgement acknowledgement() {
			if (!this.response.indicatesSuccess()) {
				throw new AssertionError("The request was refused with HTTP " + this.status + ": "
						+ this.response.toErrorResponse().getErrorObject().toJSONObject());
			}
			return this.response.toRequestAcknowledgement();
		}

		String errorCode() {
			return this.response.indicatesSuccess() ? null : this.response.toErrorResponse().getErrorObject().getCode();
		}

	}

}
