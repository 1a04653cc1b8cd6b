package dev.ciba.server;

import java.util.List;
import java.util.Map;

import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.Decision;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.ServerAnswer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Number matching on PostgreSQL: {@code number-client} registered
 * {@code number_matching_required}; {@code demo-client} did not, and the server-wide
 * switch is off.
 */
class NumberMatchingIntegrationTests extends CustomerFlowIntegrationTest {

	private static final String CLIENT = "number-client";

	private static final String SECRET = "number-client-secret-0123456789abcdefg";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private CibaTestClient client;

	private Customer customer;

	private Phone phone;

	@BeforeEach
	void setUpCustomerWithAPhone() {
		this.client = new CibaTestClient(url(""));
		this.customer = newCustomer();
		this.phone = registerPhone(this.customer);
	}

	@Test
	void backchannelWhenTheClientRequiresNumberMatchingThenTheAckCarriesTheNumberAndThePhoneOnlyTheChoices() {
		Answer started = request(CLIENT, SECRET);

		assertThat(started.status()).isEqualTo(200);
		String number = started.json().path("number_challenge").asString();
		assertThat(number).matches("[1-9][0-9]");
		assertThat(started.json().propertyNames()).containsExactly("auth_req_id", "expires_in", "interval",
				"number_challenge");
		JsonNode entry = pendingEntry();
		List<String> choices = List.of(entry.path("numberChallenge").asString().split(","));
		assertThat(choices).hasSize(3).doesNotHaveDuplicates().contains(number);
		assertThat(entry.propertyNames()).containsExactly("pushId", "challenge", "deviceId", "username", "tenantDomain",
				"relativePath", "applicationName", "notificationScenario", "ipAddress", "bindingMessage", "scope",
				"requestTime", "expiresAt", "scopeDescriptions", "numberChallenge");
		assertThat(this.phone.pending().get(0).numberChoices()).isEqualTo(choices);
	}

	@Test
	void approveWhenTheRightNumberThenTokens() {
		Answer started = request(CLIENT, SECRET);
		PendingRequest pending = this.phone.pending().get(0);

		ServerAnswer approved = this.phone.approve(pending, started.json().path("number_challenge").asString());
		Answer tokens = this.client.token(CLIENT, SECRET, started.json().path("auth_req_id").asString());

		assertThat(approved.status()).isEqualTo(200);
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.json().path("access_token").asString()).isNotEmpty();
	}

	@Test
	void approveWhenThreeWrongNumbersThenEachCountedAndTheClientGetsAccessDenied() {
		Answer started = request(CLIENT, SECRET);
		String authReqId = started.json().path("auth_req_id").asString();
		String number = started.json().path("number_challenge").asString();
		PendingRequest pending = this.phone.pending().get(0);
		String wrong = pending.numberChoices().stream().filter((choice) -> !choice.equals(number)).findFirst().get();

		ServerAnswer first = this.phone.approve(pending, wrong);
		ServerAnswer second = this.phone.approve(pending);
		Answer stillPending = this.client.token(CLIENT, SECRET, authReqId);
		ServerAnswer third = this.phone.approve(pending, wrong);
		ServerAnswer tooLate = this.phone.approve(pending, number);
		Answer denied = this.client.token(CLIENT, SECRET, authReqId);

		assertThat(first.status()).isEqualTo(400);
		assertThat(JSON.readTree(first.body()).path("error").asString()).isEqualTo("invalid_number_challenge");
		assertThat(JSON.readTree(first.body()).path("error_description").asString()).isEqualTo(
				"The token claim numberChallenge is missing or is not the number the client shows; " + "2 tries left");
		assertThat(second.status()).isEqualTo(400);
		assertThat(stillPending.error()).isEqualTo("authorization_pending");
		assertThat(third.status()).isEqualTo(400);
		assertThat(JSON.readTree(third.body()).path("error_description").asString())
			.endsWith("the request is now denied");
		assertThat(first.body() + second.body() + third.body()).doesNotContain(number);
		assertThat(tooLate.status()).isEqualTo(410);
		assertThat(denied.status()).isEqualTo(400);
		assertThat(denied.error()).isEqualTo("access_denied");
		assertThat(this.jdbc.sql("SELECT number_failures FROM push_auth WHERE customer_id = ?")
			.param(this.customer.id())
			.query(Integer.class)
			.single()).isEqualTo(3);
		assertThat(this.phone.pending()).isEmpty();
	}

	@Test
	void denyWhenNumberMatchingThenNoNumberNeeded() {
		Answer started = request(CLIENT, SECRET);

		ServerAnswer denied = this.phone.deny(this.phone.pending().get(0));
		Answer tokens = this.client.token(CLIENT, SECRET, started.json().path("auth_req_id").asString());

		assertThat(denied.status()).isEqualTo(200);
		assertThat(tokens.error()).isEqualTo("access_denied");
	}

	@Test
	void backchannelWhenNumberMatchingIsOffThenNoNumberAnywhereAndAClaimIsIgnored() {
		Answer started = request(CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET);
		JsonNode entry = pendingEntry();
		PendingRequest pending = this.phone.pending().get(0);
		Map<String, Object> claims = this.phone.answerClaims(pending, Decision.APPROVED, "no number");

		ServerAnswer approved = this.phone.authenticate(this.phone.answerPath(pending), this.phone.signJwt(claims));
		Answer tokens = this.client.token(started.json().path("auth_req_id").asString());

		assertThat(started.json().has("number_challenge")).isFalse();
		assertThat(entry.has("numberChallenge")).isFalse();
		assertThat(pending.needsNumber()).isFalse();
		assertThat(approved.status()).isEqualTo(200);
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM push_auth WHERE customer_id = ? AND number_challenge IS NULL")
			.param(this.customer.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	private Answer request(String clientId, String secret) {
		return this.client.backchannel(clientId, secret, CibaTestClient
			.form(Map.of("scope", "openid", "login_hint", this.customer.username(), "binding_message", "Order 7")));
	}

	private JsonNode pendingEntry() {
		ServerAnswer answer = this.phone.fetchPending(this.phone.signJwt(this.phone.pendingClaims()));
		assertThat(answer.status()).isEqualTo(200);
		return JSON.readTree(answer.body()).path("pending").get(0);
	}

}
