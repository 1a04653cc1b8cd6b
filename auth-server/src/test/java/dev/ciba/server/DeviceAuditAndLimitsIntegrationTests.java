package dev.ciba.server;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.DiscoveryData;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.ServerAnswer;
import dev.ciba.simulator.ServerRefusedException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The abuse limits and the device audit trail through the running server on PostgreSQL,
 * with the small limits of {@link SmallLimitsIntegrationTest}.
 */
class DeviceAuditAndLimitsIntegrationTests extends SmallLimitsIntegrationTest {

	private CibaTestClient client;

	@BeforeEach
	void setUpClient() {
		this.client = new CibaTestClient(url(""));
	}

	@Test
	void backchannelWhenTheCustomersRequestsOfTheMinuteAreUsedUpThenTooManyRequestsAndNothingStoredOrSent() {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer, "fcm-token-of-the-phone");
		this.clock.set(Instant.parse("2026-12-01T10:00:15Z"));
		assertThat(request(customer, CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET).status()).isEqualTo(200);
		assertThat(request(customer, CibaTestClient.OTHER_CLIENT, CibaTestClient.OTHER_SECRET).status()).isEqualTo(200);
		assertThat(request(customer, CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET).status()).isEqualTo(200);
		List<Integer> storedBefore = stored(customer);

		Answer refused = request(customer, CibaTestClient.OTHER_CLIENT, CibaTestClient.OTHER_SECRET);

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.error()).isEqualTo("access_denied");
		assertThat(refused.json().path("error_description").asString())
			.isEqualTo("Too many authentication requests for this end-user; try again later");
		assertThat(refused.json().propertyNames()).containsOnly("error", "error_description", "error_uri");
		assertThat(refused.header("Retry-After")).isEqualTo("45");
		assertThat(refused.header("Cache-Control")).isEqualTo("no-store");
		assertThat(storedBefore).containsExactly(3, 3, 3);
		assertThat(stored(customer)).isEqualTo(storedBefore);
		assertThat(phone.pending()).hasSize(3);
	}

	@Test
	void backchannelWhenAnotherCustomersRequestsAreUsedUpOrTheMinuteHasPassedThenAccepted() {
		Customer busy = newCustomer();
		Customer other = newCustomer();
		registerPhone(busy, "");
		registerPhone(other, "");
		this.clock.set(Instant.parse("2026-12-01T10:00:50Z"));
		for (int i = 0; i < 3; i++) {
			request(busy, CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET);
		}

		Answer otherCustomer = request(other, CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET);
		Answer sameMinute = request(busy, CibaTestClient.OTHER_CLIENT, CibaTestClient.OTHER_SECRET);
		this.clock.advance(Duration.ofSeconds(10));
		Answer nextMinute = request(busy, CibaTestClient.OTHER_CLIENT, CibaTestClient.OTHER_SECRET);

		assertThat(otherCustomer.status()).isEqualTo(200);
		assertThat(sameMinute.status()).isEqualTo(429);
		assertThat(sameMinute.header("Retry-After")).isEqualTo("10");
		assertThat(nextMinute.status()).isEqualTo(200);
	}

	@Test
	void registerWhenTheCustomersAttemptsAreUsedUpThenTooManyRequestsEvenWithAGoodSignature() {
		Customer customer = newCustomer();
		Phone phone = Phone.create(discoveryData(customer), KeyType.EC, Phone.newHttpClient(), this.clock);
		Map<String, Object> forged = phone.registrationBody("Test phone", "Simulator", "");
		forged.put("signature", phone.registrationBody("Test phone", "Simulator", "other-token").get("signature"));
		assertThat(phone.postRegistration(forged).status()).isEqualTo(400);
		assertThat(phone.postRegistration(forged).status()).isEqualTo(400);

		ServerAnswer refused = phone.register("Test phone", "Simulator", "");

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.error()).isEqualTo("too_many_requests");
		assertThat(deviceCount(customer)).isZero();
		assertThat(events(customer)).extracting(Row::reason)
			.containsExactly("BAD_SIGNATURE", "BAD_SIGNATURE", "RATE_LIMITED");
	}

	@Test
	void deviceWhenItsBadSignaturesAreUsedUpThenItsGoodTokensAreRefusedToo() {
		Customer customer = newCustomer();
		DiscoveryData data = discoveryData(customer);
		Phone phone = Phone.create(data, KeyType.RSA, Phone.newHttpClient(), this.clock);
		assertThat(phone.register("Test phone", "Simulator", "").status()).isEqualTo(201);
		Phone impostor = Phone.create(data, KeyType.RSA, Phone.newHttpClient(), this.clock);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(ServerRefusedException.class).isThrownBy(impostor::pending)
				.satisfies((ex) -> assertThat(ex.answer().status()).isEqualTo(401));
		}

		assertThatExceptionOfType(ServerRefusedException.class).isThrownBy(phone::pending).satisfies((ex) -> {
			assertThat(ex.answer().status()).isEqualTo(429);
			assertThat(ex.answer().error()).isEqualTo("too_many_requests");
		});
		// The lock is recorded once, by the bad signature that began it; the refused
		// calls while it holds add nothing.
		assertThat(events(customer)).extracting(Row::type, Row::reason)
			.containsExactly(tuple("REGISTERED", null), tuple("REFUSED", "BAD_SIGNATURE"),
					tuple("REFUSED", "RATE_LIMITED"), tuple("REFUSED", "BAD_SIGNATURE"));
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(phone.pending()).isEmpty();
	}

	@Test
	void eventsWhenAPhoneIsRegisteredNotifiedAnswersAndIsRemovedInThePortalThenEachRecorded() throws Exception {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer, "fcm-token-of-the-phone");
		Answer started = request(customer, CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET);
		String pushAuthId = this.jdbc.sql("SELECT push_auth_id FROM ciba_request WHERE customer_id = ?")
			.param(customer.id())
			.query(String.class)
			.single();
		String reference = DeviceEvent.requestReference(pushAuthId);
		await().atMost(Duration.ofSeconds(10)).until(() -> events(customer).size() == 2);
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);

		PortalSession portal = PortalSession.logIn(url(""), customer.username());
		HttpResponse<String> removed = portal.post("/portal/devices/" + phone.deviceId() + "/remove",
				"/portal/devices");
		assertThat(removed.statusCode()).isEqualTo(302);
		assertThatExceptionOfType(ServerRefusedException.class).isThrownBy(phone::pending);

		String deviceId = phone.deviceId();
		assertThat(events(customer)).containsExactly(new Row("REGISTERED", deviceId, null, null),
				new Row("NOTIFIED", deviceId, reference, null), new Row("ANSWERED", deviceId, reference, "APPROVED"),
				new Row("REMOVED", deviceId, null, "PORTAL"), new Row("REFUSED", deviceId, null, "REMOVED_DEVICE"));
		List<String> secrets = List.of(pushAuthId, started.json().path("auth_req_id").asString(),
				"fcm-token-of-the-phone", phone.key().encodedPublicKey());
		List<String> rows = this.jdbc.sql("SELECT * FROM device_event WHERE customer_id = ?")
			.param(customer.id())
			.query((rs, n) -> {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					row.append(rs.getObject(i)).append('|');
				}
				return row.toString();
			})
			.list();
		assertThat(rows).hasSize(5)
			.allSatisfy((row) -> assertThat(secrets).allSatisfy((secret) -> assertThat(row).doesNotContain(secret)));
	}

	private Phone registerPhone(Customer customer, String pushToken) {
		Phone phone = Phone.create(discoveryData(customer), KeyType.RSA, Phone.newHttpClient(), this.clock);
		assertThat(phone.register("Test phone", "Simulator", pushToken).status()).isEqualTo(201);
		return phone;
	}

	private DiscoveryData discoveryData(Customer customer) {
		dev.ciba.push.api.DiscoveryData offered = this.registrations.open(customer.id());
		return new DiscoveryData(offered.deviceId(), offered.username(), url(""), offered.tenantDomain(),
				offered.challenge());
	}

	private Answer request(Customer customer, String clientId, String secret) {
		return this.client.backchannel(clientId, secret,
				CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username())));
	}

	/**
	 * The customer's push authentications, pushes and CIBA requests.
	 */
	private List<Integer> stored(Customer customer) {
		return List.of(countFor("SELECT COUNT(*) FROM push_auth WHERE customer_id = ?", customer),
				countFor("SELECT COUNT(*) FROM push_outbox o JOIN push_auth a ON a.id = o.push_auth_id "
						+ "WHERE a.customer_id = ?", customer),
				countFor("SELECT COUNT(*) FROM ciba_request WHERE customer_id = ?", customer));
	}

	private int deviceCount(Customer customer) {
		return countFor("SELECT COUNT(*) FROM device WHERE customer_id = ?", customer);
	}

	private int countFor(String sql, Customer customer) {
		return this.jdbc.sql(sql).param(customer.id()).query(Integer.class).single();
	}

	private List<Row> events(Customer customer) {
		return this.jdbc
			.sql("SELECT event_type, device_id, request_ref, reason FROM device_event WHERE customer_id = ? "
					+ "ORDER BY id")
			.param(customer.id())
			.query((rs, n) -> new Row(rs.getString("event_type"), rs.getString("device_id"),
					rs.getString("request_ref"), rs.getString("reason")))
			.list();
	}

	record Row(String type, String deviceId, @Nullable String requestRef, @Nullable String reason) {
	}

}
