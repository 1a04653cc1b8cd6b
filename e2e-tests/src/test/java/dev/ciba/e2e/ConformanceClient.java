package dev.ciba.e2e;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.ciba.CIBAGrant;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

/**
 * One {@link SuiteClient} as an independent relying party: builds CIBA requests with
 * Nimbus' OAuth SDK (or, for what the SDK refuses to build, as raw forms), sends them
 * with {@code client_secret_basic}, and redeems and refreshes at the token endpoint.
 * Every {@code auth_req_id} it is given is reported, so that the suite can deny what a
 * test left pending.
 */
final class ConformanceClient {

	private static final int TIMEOUT_MILLIS = 15_000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SuiteClient registration;

	private final OIDCProviderMetadata metadata;

	private final RSAKey key;

	private final Consumer<AuthRequestID> issued;

	/**
	 * @param key the client's key pair, or {@code null} if it registered none
	 * @param issued told of every {@code auth_req_id} the client is given
	 */
	ConformanceClient(SuiteClient registration, OIDCProviderMetadata metadata, RSAKey key,
			Consumer<AuthRequestID> issued) {
		this.registration = registration;
		this.metadata = metadata;
		this.key = key;
		this.issued = issued;
	}

	SuiteClient registration() {
		return this.registration;
	}

	/**
	 * Its client authentication for the backchannel endpoint.
	 */
	ClientAuthentication authentication() {
		return authentication(backchannelEndpoint());
	}

	/**
	 * Its client authentication: {@code client_secret_basic}, or a fresh
	 * {@code private_key_jwt} assertion for the audience.
	 */
	ClientAuthentication authentication(URI audience) {
		if (!this.registration.usesPrivateKeyJwt()) {
			return this.registration.secretBasic();
		}
		try {
			return new PrivateKeyJWT(new ClientID(this.registration.clientId()), audience,
					JWSAlgorithm.parse(this.registration.assertionSigningAlgorithm()), this.key.toRSAPrivateKey(),
					this.key.getKeyID(), null);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a client assertion", ex);
		}
	}

	URI backchannelEndpoint() {
		return this.metadata.getBackChannelAuthenticationEndpointURI();
	}

	URI tokenEndpoint() {
		return this.metadata.getTokenEndpointURI();
	}

	/**
	 * A request builder for these scopes, authenticated and addressed.
	 */
	CIBARequest.Builder request(String... scopes) {
		return new CIBARequest.Builder(authentication(), new Scope(scopes)).endpointURI(backchannelEndpoint());
	}

	/**
	 * Starts a request for alice with scope {@code openid}, and for ping and push clients
	 * a fresh {@code client_notification_token}.
	 */
	BackchannelReply startForAlice() throws IOException {
		return startForAlice(request("openid"));
	}

	/**
	 * Adds {@code login_hint} alice and, for ping and push clients, a fresh
	 * {@code client_notification_token} to the builder and sends the request.
	 */
	BackchannelReply startForAlice(CIBARequest.Builder builder) throws IOException {
		BearerAccessToken token = notified() ? new BearerAccessToken(randomToken()) : null;
		return send(builder.loginHint(Phones.USERNAME).clientNotificationToken(token).build(), token);
	}

	/**
	 * Sends a request built with the SDK.
	 */
	BackchannelReply send(CIBARequest request) throws IOException {
		return send(request, request.getClientNotificationToken());
	}

	/**
	 * Sends form parameters to the backchannel endpoint with the client's credentials;
	 * for what the SDK refuses to build, such as two hints.
	 */
	BackchannelReply sendForm(Map<String, String> parameters) throws IOException {
		HTTPRequest request = form(backchannelEndpoint(), parameters);
		authentication().applyTo(request);
		return reply(withClientId(request).send(), null);
	}

	/**
	 * Sends a signed (or otherwise encoded) request object as the form's only
	 * authentication parameter.
	 */
	BackchannelReply sendRequestObject(String requestObject) throws IOException {
		return sendForm(Map.of("request", requestObject));
	}

	/**
	 * One token request with the CIBA grant.
	 */
	TokenReply redeem(AuthRequestID authRequestId) throws IOException {
		return token(new CIBAGrant(authRequestId));
	}

	/**
	 * One refresh.
	 */
	TokenReply refresh(RefreshToken refreshToken) throws IOException {
		return token(new RefreshTokenGrant(refreshToken));
	}

	/**
	 * A token request with the {@code client_credentials} grant.
	 */
	TokenReply clientCredentials(Scope scope) throws IOException {
		HTTPRequest request = new TokenRequest(tokenEndpoint(), authentication(tokenEndpoint()),
				new ClientCredentialsGrant(), scope)
			.toHTTPRequest();
		return new TokenReply(timed(withClientId(request)).send());
	}

	/**
	 * Sends form parameters to the token endpoint with the client's credentials.
	 */
	TokenReply sendTokenForm(Map<String, String> parameters) throws IOException {
		HTTPRequest request = form(tokenEndpoint(), parameters);
		authentication(tokenEndpoint()).applyTo(request);
		return new TokenReply(timed(withClientId(request)).send());
	}

	/**
	 * Sends form parameters to an endpoint as they are, without client authentication.
	 */
	static HTTPResponse postForm(URI endpoint, Map<String, String> parameters) throws IOException {
		return form(endpoint, parameters).send();
	}

	/**
	 * Verifies an ID token issued to this client: RS256 signature with the published
	 * keys, {@code iss}, {@code aud}, {@code exp} and {@code iat}.
	 */
	IDTokenClaimsSet validateIdToken(JWT idToken) throws IOException, BadJOSEException, JOSEException {
		IDTokenValidator validator = new IDTokenValidator(this.metadata.getIssuer(),
				new ClientID(this.registration.clientId()), JWSAlgorithm.RS256, this.metadata.getJWKSetURI().toURL());
		return validator.validate(idToken, null);
	}

	/**
	 * A fresh random bearer token of 43 base64url characters.
	 */
	static String randomToken() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private boolean notified() {
		return !"poll".equals(this.registration.deliveryMode());
	}

	private TokenReply token(AuthorizationGrant grant) throws IOException {
		HTTPRequest request = new TokenRequest(tokenEndpoint(), authentication(tokenEndpoint()), grant).toHTTPRequest();
		return new TokenReply(timed(withClientId(request)).send());
	}

	private BackchannelReply send(CIBARequest request, BearerAccessToken notificationToken) throws IOException {
		return reply(timed(withClientId(request.toHTTPRequest())).send(), notificationToken);
	}

	private BackchannelReply reply(HTTPResponse response, BearerAccessToken notificationToken) {
		BackchannelReply reply = new BackchannelReply(response, notificationToken);
		if (reply.status() == 200) {
			this.issued.accept(reply.authReqId());
		}
		return reply;
	}

	/**
	 * Adds {@code client_id} beside a {@code private_key_jwt} assertion, which the server
	 * requires (README) although RFC 7521 §4.2 makes it optional and Nimbus does not send
	 * it.
	 */
	private HTTPRequest withClientId(HTTPRequest request) {
		if (this.registration.usesPrivateKeyJwt()) {
			request.setBody(request.getBody() + "&"
					+ URLUtils.serializeParameters(Map.of("client_id", List.of(this.registration.clientId()))));
		}
		return request;
	}

	private static HTTPRequest form(URI endpoint, Map<String, String> parameters) {
		HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, endpoint);
		request.setEntityContentType(ContentType.APPLICATION_URLENCODED);
		Map<String, List<String>> form = new LinkedHashMap<>();
		parameters.forEach((name, value) -> form.put(name, List.of(value)));
		request.setBody(URLUtils.serializeParameters(form));
		return timed(request);
	}

	private static HTTPRequest timed(HTTPRequest request) {
		request.setConnectTimeout(TIMEOUT_MILLIS);
		request.setReadTimeout(TIMEOUT_MILLIS);
		return request;
	}

}
