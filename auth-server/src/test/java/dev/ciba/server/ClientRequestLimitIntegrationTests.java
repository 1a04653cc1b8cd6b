package dev.ciba.server;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit of backchannel requests per client across customers
 * ({@code ciba.limits.client-requests}) through the running server on PostgreSQL, with a
 * small limit of its own (hence a context of its own).
 */
@TestPropertySource(properties = "ciba.limits.client-requests.max=8")
class ClientRequestLimitIntegrationTests extends CustomerFlowIntegrationTest {

	// Counts are kept per client and minute in the database the whole suite shares, so
	// this test uses a minute no other test's clock is set to.
	private static final Instant QUIET_MINUTE = Instant.parse("2031-07-01T03:00:05Z");

	@Test
	void backchannelWhenTheClientsRequestsOfTheMinuteAreUsedUpThenTooManyRequestsForEveryCustomer() {
		CibaTestClient client = new CibaTestClient(url(""));
		List<Customer> customers = List.of(newCustomer(), newCustomer(), newCustomer());
		customers.forEach(this::registerPhone);
		this.clock.set(QUIET_MINUTE);
		for (int i = 0; i < 8; i++) {
			assertThat(request(client, customers.get(i / 4), CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET)
				.status()).isEqualTo(200);
		}

		Answer refused = request(client, customers.get(2), CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET);
		int storedAfterRefusal = this.jdbc.sql("SELECT COUNT(*) FROM ciba_request WHERE customer_id = ?")
			.param(customers.get(2).id())
			.query(Integer.class)
			.single();
		Answer otherClient = request(client, customers.get(2), CibaTestClient.OTHER_CLIENT,
				CibaTestClient.OTHER_SECRET);

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.error()).isEqualTo("access_denied");
		assertThat(refused.json().path("error_description").asString())
			.isEqualTo("Too many authentication requests from this client; try again later");
		assertThat(refused.header("Retry-After")).isEqualTo("55");
		assertThat(storedAfterRefusal).isZero();
		assertThat(otherClient.status()).isEqualTo(200);
	}

	private static Answer request(CibaTestClient client, Customer customer, String clientId, String secret) {
		return client.backchannel(clientId, secret,
				CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username())));
	}

}
