package dev.ciba.server;

import java.net.URI;
import java.net.http.HttpRequest;

import dev.ciba.server.CibaTestClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of the backchannel authentication endpoint is OAuth JSON with the status
 * and code of CIBA Core §13, and stores nothing.
 */
class BackchannelErrorsIntegrationTests extends PostgresIntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	private CibaTestClient client;

	private int storedBefore;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
		this.storedBefore = storedRequests();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					no hint | scope=openid | invalid_request
					two hints | scope=openid&login_hint=alice&id_token_hint=x | invalid_request
					repeated hint | scope=openid&login_hint=alice&login_hint=alice | invalid_request
					no scope | login_hint=alice | invalid_request
					signed request | request=eyJhbGciOiJub25lIn0.e30. | invalid_request
					unknown customer | scope=openid&login_hint=nobody-here | unknown_user_id
					unknown e-mail | scope=openid&login_hint=nobody%40example.com | unknown_user_id
					scope without openid | scope=profile&login_hint=alice | invalid_scope
					scope the client lacks | scope=openid%20payments&login_hint=alice | invalid_scope
					binding message too long | scope=openid&login_hint=alice&binding_message=%s | invalid_binding_message
					markup in message | scope=openid&login_hint=alice&binding_message=%3Cb%3Ehi%3C%2Fb%3E | invalid_binding_message
					control in binding message | scope=openid&login_hint=alice&binding_message=a%0Ab | invalid_binding_message
					expiry not a number | scope=openid&login_hint=alice&requested_expiry=ten | invalid_request
					expiry below the minimum | scope=openid&login_hint=alice&requested_expiry=4 | invalid_request
					expiry above the maximum | scope=openid&login_hint=alice&requested_expiry=1801 | invalid_request
					expiry with ten digits | scope=openid&login_hint=alice&requested_expiry=1000000000 | invalid_request
					""")
	void backchannelWhenRequestIsInvalidThenBadRequestWithTheCode(String name, String form, String error) {
		Answer answer = this.client.backchannel(form.replace("%s", "x".repeat(65)));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo(error);
		assertThat(answer.json().propertyNames()).containsOnly("error", "error_description", "error_uri");
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(storedRequests()).isEqualTo(this.storedBefore);
	}

	@Test
	void backchannelWhenSecretIsWrongThenUnauthorizedInvalidClient() {
		Answer answer = this.client.backchannel(CibaTestClient.DEMO_CLIENT, "wrong-secret-0123456789abcdef0123",
				"scope=openid&login_hint=alice");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_client");
	}

	@Test
	void backchannelWhenNoCredentialsThenUnauthorizedInvalidClient() {
		Answer answer = this.client.backchannel(null, null, "scope=openid&login_hint=alice");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_client");
		assertThat(answer.header("WWW-Authenticate")).startsWith("Basic");
	}

	@Test
	void backchannelWhenClientSecretPostThenAccepted() {
		Answer answer = this.client.post("/oauth2/bc-authorize", null, null, "client_id=demo-client&client_secret="
				+ CibaTestClient.DEMO_SECRET + "&scope=openid&login_hint=nobody-at-all");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("unknown_user_id");
	}

	@Test
	void backchannelWhenClientMayNotUseCibaThenUnauthorizedClient() {
		Answer answer = this.client.backchannel("no-ciba-client", "no-ciba-client-secret-0123456789abcd",
				"scope=openid&login_hint=alice");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("unauthorized_client");
	}

	@Test
	void backchannelWhenMethodIsGetThenMethodNotAllowedAsJson() {
		Answer answer = this.client.send(HttpRequest.newBuilder(URI.create(url("/oauth2/bc-authorize")))
			.header("Authorization", CibaTestClient.basic(CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET))
			.GET()
			.build());

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.error()).isEqualTo("invalid_request");
		assertThat(answer.header("Allow")).isEqualTo("POST");
	}

	@Test
	void backchannelWhenBodyIsJsonThenBadRequest() {
		Answer answer = this.client.send(HttpRequest.newBuilder(URI.create(url("/oauth2/bc-authorize")))
			.header("Authorization", CibaTestClient.basic(CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"scope\":\"openid\",\"login_hint\":\"alice\"}"))
			.build());

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_request");
	}

	@Test
	void unknownPathWhenRequestedThenNotFoundAsJson() {
		Answer answer = this.client
			.send(HttpRequest.newBuilder(URI.create(url("/no/such/path"))).header("Accept", "text/html").GET().build());

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		assertThat(answer.error()).isEqualTo("not_found");
	}

	@Test
	void tokenWhenMethodIsGetThenMethodNotAllowedAsJson() {
		Answer answer = this.client.send(HttpRequest.newBuilder(URI.create(url("/oauth2/token"))).GET().build());

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void tokenWhenNoCredentialsThenUnauthorizedInvalidClientAsJson() {
		Answer answer = this.client.post("/oauth2/token", null, null,
				"grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&auth_req_id=x");

		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.error()).isEqualTo("invalid_client");
	}

	@Test
	void tokenWhenAuthReqIdMissingThenInvalidRequest() {
		Answer answer = this.client.post("/oauth2/token", CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET,
				"grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba");

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.error()).isEqualTo("invalid_request");
	}

	private int storedRequests() {
		return this.jdbc.sql("SELECT COUNT(*) FROM ciba_request").query(Integer.class).single();
	}

}
