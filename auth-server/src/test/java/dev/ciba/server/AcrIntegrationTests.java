package dev.ciba.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one authentication context the server performs,
 * {@code urn:dev.ciba:acr:device-key}: advertised, and named by every CIBA ID token
 * whatever {@code acr_values} asked for.
 */
class AcrIntegrationTests extends CustomerFlowIntegrationTest {

	private static final String DEVICE_KEY = "urn:dev.ciba:acr:device-key";

	private static final String REFRESH_CLIENT = "refresh-client";

	private static final String REFRESH_SECRET = "refresh-client-secret-0123456789abcd";

	private CibaTestClient client;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
	}

	@Test
	void discoveryWhenReadThenAdvertisesUserCodesAndTheDeviceKeyAcr() {
		Answer answer = this.client
			.send(HttpRequest.newBuilder(URI.create(url("/.well-known/openid-configuration"))).GET().build());

		assertThat(answer.json().path("backchannel_user_code_parameter_supported").isBoolean()).isTrue();
		assertThat(answer.json().path("backchannel_user_code_parameter_supported").asBoolean()).isTrue();
		assertThat(answer.json().path("acr_values_supported").toString()).isEqualTo("[\"" + DEVICE_KEY + "\"]");
	}

	@Test
	void tokenWhenTheDeviceKeyAcrWasRequestedThenTheIdTokenNamesIt() throws Exception {
		JWTClaimsSet idToken = pollFlowIdToken(DEVICE_KEY);

		assertThat(idToken.getStringClaim("acr")).isEqualTo(DEVICE_KEY);
		assertThat(idToken.getDateClaim("auth_time")).isNotNull();
	}

	@Test
	void tokenWhenOnlyUnsupportedAcrValuesWereRequestedThenTheIdTokenNamesWhatWasPerformed() throws Exception {
		JWTClaimsSet idToken = pollFlowIdToken("urn:example:acr:face urn:example:acr:password");

		assertThat(idToken.getStringClaim("acr")).isEqualTo(DEVICE_KEY);
	}

	@Test
	void tokenWhenTheDeviceKeyAcrIsAmongOthersThenTheIdTokenNamesIt() throws Exception {
		JWTClaimsSet idToken = pollFlowIdToken("urn:example:acr:face " + DEVICE_KEY);

		assertThat(idToken.getStringClaim("acr")).isEqualTo(DEVICE_KEY);
	}

	@Test
	void tokenWhenNoAcrValuesWereRequestedThenTheIdTokenStillNamesTheAcr() throws Exception {
		JWTClaimsSet idToken = pollFlowIdToken(null);

		assertThat(idToken.getStringClaim("acr")).isEqualTo(DEVICE_KEY);
	}

	@Test
	void refreshWhenTheGrantWasCibaThenTheNewIdTokenNamesTheAcr() throws Exception {
		Answer tokens = approvedTokens(REFRESH_CLIENT, REFRESH_SECRET, DEVICE_KEY);

		Answer refreshed = this.client.post("/oauth2/token", REFRESH_CLIENT, REFRESH_SECRET,
				"grant_type=refresh_token&refresh_token="
						+ CibaTestClient.encode(tokens.json().path("refresh_token").asString()));

		assertThat(refreshed.status()).isEqualTo(200);
		JWTClaimsSet idToken = SignedJWT.parse(refreshed.json().path("id_token").asString()).getJWTClaimsSet();
		assertThat(idToken.getStringClaim("acr")).isEqualTo(DEVICE_KEY);
	}

	private JWTClaimsSet pollFlowIdToken(String acrValues) throws Exception {
		Answer tokens = approvedTokens(CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET, acrValues);
		return SignedJWT.parse(tokens.json().path("id_token").asString()).getJWTClaimsSet();
	}

	private Answer approvedTokens(String clientId, String secret, String acrValues) {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		Map<String, String> parameters = new HashMap<>(Map.of("scope", "openid", "login_hint", customer.username()));
		if (acrValues != null) {
			parameters.put("acr_values", acrValues);
		}
		Answer started = this.client.backchannel(clientId, secret, CibaTestClient.form(parameters));
		assertThat(started.status()).isEqualTo(200);
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(1));
		Answer tokens = this.client.token(clientId, secret, started.json().path("auth_req_id").asString());
		assertThat(tokens.status()).isEqualTo(200);
		return tokens;
	}

}
