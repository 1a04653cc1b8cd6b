package dev.ciba.server;

import java.time.Duration;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.DiscoveryData;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens issued by the CIBA grant work with the rest of the authorization server:
 * refresh, introspection and revocation.
 */
class CibaTokensIntegrationTests extends CustomerFlowIntegrationTest {

	private static final String CLIENT = "refresh-client";

	private static final String SECRET = "refresh-client-secret-0123456789abcd";

	@Test
	void refreshWhenClientHasTheGrantThenNewTokensKeepTheCustomerAndAuthTime() throws Exception {
		CibaTestClient client = new CibaTestClient(url(""));
		Customer customer = newCustomer();
		Answer tokens = approvedTokens(client, customer);
		String refreshToken = tokens.json().path("refresh_token").asString();
		SignedJWT firstIdToken = SignedJWT.parse(tokens.json().path("id_token").asString());

		Answer refreshed = client.post("/oauth2/token", CLIENT, SECRET,
				"grant_type=refresh_token&refresh_token=" + CibaTestClient.encode(refreshToken));

		assertThat(refreshToken).isNotEmpty();
		assertThat(refreshed.status()).isEqualTo(200);
		SignedJWT idToken = SignedJWT.parse(refreshed.json().path("id_token").asString());
		assertThat(idToken.getJWTClaimsSet().getSubject()).isEqualTo(customer.id());
		assertThat(idToken.getJWTClaimsSet().getDateClaim("auth_time"))
			.isEqualTo(firstIdToken.getJWTClaimsSet().getDateClaim("auth_time"));
		Answer otherClient = client.post("/oauth2/token", CibaTestClient.DEMO_CLIENT, CibaTestClient.DEMO_SECRET,
				"grant_type=refresh_token&refresh_token=" + CibaTestClient.encode(refreshToken));
		assertThat(otherClient.status()).isEqualTo(400);
		assertThat(otherClient.error()).isIn("invalid_grant", "unauthorized_client");
	}

	@Test
	void introspectWhenTokenRevokedThenInactive() {
		CibaTestClient client = new CibaTestClient(url(""));
		Answer tokens = approvedTokens(client, newCustomer());
		String accessToken = tokens.json().path("access_token").asString();

		Answer active = client.post("/oauth2/introspect", CLIENT, SECRET,
				"token=" + CibaTestClient.encode(accessToken));
		Answer revoked = client.post("/oauth2/revoke", CLIENT, SECRET, "token=" + CibaTestClient.encode(accessToken));
		Answer inactive = client.post("/oauth2/introspect", CLIENT, SECRET,
				"token=" + CibaTestClient.encode(accessToken));

		assertThat(active.json().path("active").asBoolean()).isTrue();
		assertThat(active.json().path("client_id").asString()).isEqualTo(CLIENT);
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(inactive.json().path("active").asBoolean()).isFalse();
	}

	private Answer approvedTokens(CibaTestClient client, Customer customer) {
		dev.ciba.push.api.DiscoveryData offered = this.registrations.open(customer.id());
		Phone phone = Phone.create(new DiscoveryData(offered.deviceId(), offered.username(), url(""),
				offered.tenantDomain(), offered.challenge()), KeyType.EC, Phone.newHttpClient(), this.clock);
		assertThat(phone.register("Test phone", "Simulator", "").status()).isEqualTo(201);
		Answer started = client.backchannel(CLIENT, SECRET,
				CibaTestClient.form(Map.of("scope", "openid profile", "login_hint", customer.username())));
		assertThat(started.status()).isEqualTo(200);
		assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(1));
		Answer tokens = client.token(CLIENT, SECRET, started.json().path("auth_req_id").asString());
		assertThat(tokens.status()).isEqualTo(200);
		return tokens;
	}

}
