package dev.ciba.server;

import java.time.Duration;
import java.util.Map;

import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit of pending requests one client may keep for one customer
 * ({@code ciba.request.max-pending-per-client-and-customer}, 5) counts only requests that
 * are still pending and unexpired, however old they are within the longest expiry.
 */
class PendingLimitIntegrationTests extends CustomerFlowIntegrationTest {

	private CibaTestClient client;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
	}

	@Test
	void backchannelWhenTheEarlierRequestsExpiredThenTheyNoLongerCount() {
		Customer customer = newCustomer();
		registerPhone(customer);
		for (int i = 0; i < 5; i++) {
			assertThat(start(customer, "5").status()).isEqualTo(200);
		}

		this.clock.advance(Duration.ofSeconds(6));
		Answer sixth = start(customer, "300");

		assertThat(sixth.status()).isEqualTo(200);
	}

	@Test
	void backchannelWhenRequestsOfTheLongestExpiryAreAlmostOverThenTheyStillCount() {
		Customer customer = newCustomer();
		registerPhone(customer);
		for (int i = 0; i < 5; i++) {
			assertThat(start(customer, "1800").status()).isEqualTo(200);
		}

		this.clock.advance(Duration.ofSeconds(1799));
		Answer sixth = start(customer, "300");

		assertThat(sixth.status()).isEqualTo(403);
		assertThat(sixth.error()).isEqualTo("access_denied");
	}

	private Answer start(Customer customer, String requestedExpiry) {
		return this.client.backchannel(CibaTestClient
			.form(Map.of("scope", "openid", "login_hint", customer.username(), "requested_expiry", requestedExpiry)));
	}

}
