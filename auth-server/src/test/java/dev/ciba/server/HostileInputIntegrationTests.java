package dev.ciba.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests of shapes no endpoint accepts are refused as OAuth JSON, never with a 5xx, and
 * change nothing. Each case comes from an attack run against the packaged server.
 */
class HostileInputIntegrationTests extends CustomerFlowIntegrationTest {

	private CibaTestClient client;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
	}

	@Test
	void backchannelWhenParameterHasANulCharacterThenInvalidRequest() {
		Answer answer = this.client.backchannel("scope=openid&login_hint=alice%00");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_request");
	}

	@Test
	void tokenWhenRefreshTokenHasANulCharacterThenInvalidRequest() {
		Answer answer = this.client.post("/oauth2/token", CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET,
				"grant_type=refresh_token&refresh_token=a%00b");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_request");
	}

	@Test
	void backchannelWhenParametersAreInTheQueryStringThenInvalidRequest() {
		Answer answer = this.client.post("/oauth2/bc-authorize?login_hint=alice&binding_message=In%20the%20URL",
				CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET, "scope=openid");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_request");
		assertThat(answer.json().path("error_description").asString()).contains("body");
	}

	@Test
	void backchannelWhenCredentialsInHeaderAndBodyThenInvalidRequest() {
		Answer answer = this.client.backchannel(
				"scope=openid&login_hint=alice&client_id=demo-client&client_secret=wrong-secret-0123456789abcdef0");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_request");
	}

	@Test
	void backchannelWhenBearerAccessTokenInsteadOfClientCredentialsThenInvalidClient() {
		Answer answer = this.client.send(HttpRequest.newBuilder(URI.create(url("/oauth2/bc-authorize")))
			.header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("scope=openid&login_hint=alice"))
			.build());

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_client");
	}

	@Test
	void backchannelWhenBasicHeaderIsMalformedThenUnauthorizedWithADescription() {
		Answer answer = this.client.send(HttpRequest.newBuilder(URI.create(url("/oauth2/bc-authorize")))
			.header("Authorization", "Basic ZGVtby1jbGllbnQ=")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("scope=openid&login_hint=alice"))
			.build());

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_client");
		assertThat(answer.json().path("error_description").asString()).isNotEmpty();
		assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
	}

	@Test
	void tokenWhenSecretIsWrongThenUnauthorizedWithADescription() {
		Answer answer = this.client.token(CibaTestClient.DEMO_CLIENT, "wrong-secret-0123456789abcdef0123", "x");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_client");
		assertThat(answer.json().path("error_description").asString()).isEqualTo("Client authentication failed");
	}

	@Test
	void registrationWhenBodyIsLargerThanTheLimitThenPayloadTooLarge() {
		String body = "{\"deviceId\":\"x\",\"name\":\"" + "x".repeat(70_000) + "\"}";

		Answer answer = this.client
			.send(HttpRequest.newBuilder(URI.create(url("/t/default/api/users/v1/me/push/devices")))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build());

		assertThat(answer.status()).isEqualTo(413);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void deviceRegistrationWhenContentTypeIsAWildcardThenInvalidRequest() {
		Answer answer = this.client
			.send(HttpRequest.newBuilder(URI.create(url("/t/default/api/users/v1/me/push/devices")))
				.header("Content-Type", "*/*")
				.POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"x\"}"))
				.build());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_request");
	}

	@Test
	void registrationWhenPutWithAFormKeyWithoutValueThenMethodNotAllowed() {
		Answer answer = this.client.send(HttpRequest.newBuilder(URI.create(url("/connect/register/some-client")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.PUT(HttpRequest.BodyPublishers.ofString("a"))
			.build());

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void tokenWhenPatchWithABadPercentEscapeInTheFormThenMethodNotAllowedJson() {
		Answer answer = this.client.send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("grant_type=%4"))
			.build());

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void portalFormWhenPatchWithABadPercentEscapeThenClientError() {
		Answer answer = this.client.send(HttpRequest.newBuilder(URI.create(url("/portal/devices/some-device/remove")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("_csrf=%4"))
			.build());

		assertThat(answer.status()).isBetween(400, 499);
	}

	@Test
	void tokenWhenClientAuthenticatesWithItsSecretThenTheStoredHashStaysSha256() {
		Answer answer = this.client.token(CibaTestClient.OTHER_CLIENT, CibaTestClient.OTHER_SECRET, "unknown-request");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_grant");
		assertThat(this.jdbc.sql("SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?")
			.param(CibaTestClient.OTHER_CLIENT)
			.query(String.class)
			.single()).startsWith("{sha256}");
	}

	@Test
	void tokenWhenClientAssertionAndSecretInTheBodyThenInvalidRequest() {
		Answer answer = this.client.post("/oauth2/token", null, null,
				"client_id=demo-client&client_secret=" + CibaTestClient.DEMO_SECRET
						+ "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
						+ "&client_assertion=a.b.c&grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&auth_req_id=x");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_request");
	}

	@Test
	void tokenWhenClientAssertionIsMalformedThenUnauthorizedInvalidClient() {
		Answer answer = this.client.post("/oauth2/token", null, null,
				"client_id=demo-client&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type"
						+ "%3Ajwt-bearer&client_assertion=a.b.c&grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba"
						+ "&auth_req_id=x");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_client");
	}

	@Test
	void errorPathWhenRequestedDirectlyThenNotFound() {
		Answer answer = this.client.send(HttpRequest.newBuilder(URI.create(url("/error"))).GET().build());

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.error()).isEqualTo("not_found");
	}

	@Test
	void anyRequestWhenHeaderIsTooLargeThenJsonBadRequest() {
		Answer answer = this.client.send(HttpRequest.newBuilder(URI.create(url("/oauth2/jwks")))
			.header("X-Padding", "a".repeat(20_000))
			.GET()
			.build());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.error()).isEqualTo("invalid_request");
	}

	@Test
	void oauthMetadataWhenReadThenMatchesWhatTheServerAccepts() {
		Answer answer = this.client
			.send(HttpRequest.newBuilder(URI.create(url("/.well-known/oauth-authorization-server"))).GET().build());

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().path("grant_types_supported").toString())
			.contains("urn:openid:params:grant-type:ciba");
		assertThat(answer.json().path("token_endpoint_auth_methods_supported").toString())
			.isEqualTo("[\"client_secret_basic\",\"client_secret_post\",\"private_key_jwt\"]");
		assertThat(answer.json().path("backchannel_authentication_endpoint").asString())
			.isEqualTo("http://localhost:8080/oauth2/bc-authorize");
		assertThat(answer.json().has("tls_client_certificate_bound_access_tokens")).isFalse();
		assertThat(answer.json().has("dpop_signing_alg_values_supported")).isFalse();
	}

	@Test
	void tokenWhenCustomerWasDisabledAfterApprovingThenAccessDenied() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		String authReqId = start(customer);
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);
		this.jdbc.sql("UPDATE customer SET enabled = FALSE WHERE id = ?").param(customer.id()).update();
		this.clock.advance(Duration.ofSeconds(5));

		Answer answer = this.client.token(authReqId);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("access_denied");
	}

	@Test
	void backchannelWhenClientFloodsOneCustomerThenRefusedAndOtherClientsStillReachThePhone() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		for (int i = 0; i < 5; i++) {
			start(customer);
		}

		this.clock.advance(Duration.ofSeconds(1));
		Answer sixth = this.client
			.backchannel(CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username())));
		Answer other = this.client.backchannel(CibaTestClient.OTHER_CLIENT, CibaTestClient.OTHER_SECRET, CibaTestClient
			.form(Map.of("scope", "openid", "login_hint", customer.username(), "binding_message", "Legit")));

		assertThat(sixth.status()).isEqualTo(403);
		assertThat(sixth.error()).isEqualTo("access_denied");
		assertThat(other.status()).isEqualTo(200);
		assertThat(phone.pending().get(0).bindingMessage()).isEqualTo("Legit");
	}

	private String start(Customer customer) {
		Answer answer = this.client
			.backchannel(CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username())));
		assertThat(answer.status()).isEqualTo(200);
		return answer.json().path("auth_req_id").asString();
	}

}
