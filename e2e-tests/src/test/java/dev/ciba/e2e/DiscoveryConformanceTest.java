package dev.ciba.e2e;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.text.ParseException;
import java.util.List;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.ciba.CIBARequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance checklist section A: discovery metadata.
 * <p>
 * Not here: items 6, 8 and 10 (FAPI only: certificate-bound tokens, PS256/ES256 ID
 * tokens, MTLS aliases) and 12 (an optional FAPI draft field).
 */
class DiscoveryConformanceTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	private static final String CIBA_GRANT = SuiteClient.Grants.CIBA;

	@Test
	void item001_backchannelEndpointIsAdvertised() throws Exception {
		JSONObject discovery = discovery("/.well-known/openid-configuration");

		// The endpoint is https exactly when the configured issuer is; this suite's
		// server runs on http://localhost.
		URI endpoint = URI.create((String) discovery.get("backchannel_authentication_endpoint"));
		assertThat(endpoint.isAbsolute()).isTrue();
		assertThat(endpoint).hasToString(suite.baseUrl() + "/oauth2/bc-authorize");
		assertThat(discovery.get("issuer")).isEqualTo(suite.baseUrl());
		assertThat(URI.create((String) discovery.get("token_endpoint"))).hasToString(suite.baseUrl() + "/oauth2/token");
		assertThat(suite.metadata().getBackChannelAuthenticationEndpointURI()).isEqualTo(endpoint);
	}

	@Test
	void item002_deliveryModesAreAdvertised() throws Exception {
		JSONObject discovery = discovery("/.well-known/openid-configuration");

		assertThat(discovery.get("backchannel_token_delivery_modes_supported")).isInstanceOf(List.class);
		assertThat(strings(discovery, "backchannel_token_delivery_modes_supported")).containsExactly("poll", "ping",
				"push");
	}

	@Test
	void item003_requestSigningAlgorithmsAreAsymmetricOnly() throws Exception {
		JSONObject discovery = discovery("/.well-known/openid-configuration");

		List<String> algorithms = strings(discovery, "backchannel_authentication_request_signing_alg_values_supported");
		assertThat(algorithms).containsExactlyInAnyOrder("RS256", "PS256", "ES256");
		assertThat(algorithms)
			.noneMatch((algorithm) -> algorithm.equalsIgnoreCase("none") || algorithm.startsWith("HS"));
	}

	@Test
	void item004_userCodeFlagIsABoolean() throws Exception {
		JSONObject discovery = discovery("/.well-known/openid-configuration");

		assertThat(discovery.get("backchannel_user_code_parameter_supported")).isInstanceOf(Boolean.class);
	}

	@Test
	void item005_cibaGrantIsListed() throws Exception {
		JSONObject discovery = discovery("/.well-known/openid-configuration");

		assertThat(strings(discovery, "grant_types_supported")).contains(CIBA_GRANT);
	}

	/**
	 * The FAPI part (only {@code private_key_jwt} or MTLS) does not apply; the core part:
	 * the secret methods work ({@code private_key_jwt} is items 28–30),
	 * {@code client_secret_jwt}, which hashed secrets cannot support, is not advertised,
	 * and the assertion algorithms are asymmetric only.
	 */
	@Test
	void item007_advertisedClientAuthenticationMethodsWork() throws Exception {
		JSONObject discovery = discovery("/.well-known/openid-configuration");
		List<String> methods = strings(discovery, "token_endpoint_auth_methods_supported");
		ConformanceClient basic = suite.client(SuiteClient.DEMO);

		assertThat(methods).contains("client_secret_basic", "client_secret_post", "private_key_jwt")
			.doesNotContain("client_secret_jwt", "none");
		assertThat(strings(discovery, "token_endpoint_auth_signing_alg_values_supported")).contains("PS256", "ES256")
			.noneMatch((algorithm) -> algorithm.equalsIgnoreCase("none") || algorithm.startsWith("HS"));
		assertThat(basic.startForAlice().status()).isEqualTo(200);
		SuiteClient demo = SuiteClient.DEMO;
		ClientSecretPost post = new ClientSecretPost(demo.secretBasic().getClientID(),
				demo.secretBasic().getClientSecret());
		CIBARequest viaPost = new CIBARequest.Builder(post, new Scope("openid")).loginHint(Phones.USERNAME)
			.endpointURI(basic.backchannelEndpoint())
			.build();
		assertThat(basic.send(viaPost).status()).isEqualTo(200);
	}

	@Test
	void item009_metadataIsConsistentAndWellTyped() throws Exception {
		JSONObject discovery = discovery("/.well-known/openid-configuration");

		assertThat(discovery.get("issuer") + "/.well-known/openid-configuration")
			.isEqualTo(suite.baseUrl() + "/.well-known/openid-configuration");
		assertThat(OIDCProviderMetadata.parse(discovery).getIssuer().getValue()).isEqualTo(suite.baseUrl());
		URI jwksUri = URI.create((String) discovery.get("jwks_uri"));
		assertThat(jwksUri.isAbsolute()).isTrue();
		assertThat(JWKSet.load(jwksUri.toURL()).getKeys()).isNotEmpty();
		if (discovery.containsKey("registration_endpoint")) {
			assertThat(URI.create((String) discovery.get("registration_endpoint")).isAbsolute()).isTrue();
		}
		assertThat(strings(discovery, "scopes_supported")).isNotEmpty()
			.allMatch((scope) -> scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+"));
		JSONObject oauthMetadata = discovery("/.well-known/oauth-authorization-server");
		for (String name : List.of("backchannel_authentication_endpoint", "backchannel_token_delivery_modes_supported",
				"backchannel_user_code_parameter_supported",
				"backchannel_authentication_request_signing_alg_values_supported", "grant_types_supported",
				"token_endpoint_auth_methods_supported")) {
			assertThat(oauthMetadata.get(name)).as(name).isEqualTo(discovery.get(name));
		}
	}

	@Test
	void item011_serverKeysHaveKidsAndNoWeakOrPrivateParts() throws IOException, ParseException {
		JWKSet keys = JWKSet.load(suite.metadata().getJWKSetURI().toURL());

		assertThat(keys.getKeys()).isNotEmpty();
		for (JWK key : keys.getKeys()) {
			assertThat(key.getKeyID()).isNotBlank();
			assertThat(key.isPrivate()).isFalse();
			if (key instanceof RSAKey rsa) {
				BigInteger modulus = rsa.getModulus().decodeToBigInteger();
				assertThat(modulus.bitLength()).isGreaterThanOrEqualTo(2048);
			}
		}
		assertThat(keys.getKeys().stream().map(JWK::getKeyID).distinct().count()).isEqualTo(keys.getKeys().size());
	}

	private static JSONObject discovery(String path) throws IOException {
		HTTPResponse response = new HTTPRequest(HTTPRequest.Method.GET, URI.create(suite.baseUrl() + path)).send();
		assertThat(response.getStatusCode()).isEqualTo(200);
		assertThat(response.getEntityContentType().matches(ContentType.APPLICATION_JSON)).isTrue();
		return OAuthErrors.json(response);
	}

	private static List<String> strings(JSONObject json, String name) {
		Object value = json.get(name);
		assertThat(value).as(name).isInstanceOf(List.class);
		return ((List<?>) value).stream().map((element) -> {
			assertThat(element).as(name + " element").isInstanceOf(String.class);
			return (String) element;
		}).toList();
	}

}
