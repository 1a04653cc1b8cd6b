package dev.ciba.e2e;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import com.nimbusds.common.contenttype.ContentType;
import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import net.minidev.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conformance checklist section F: the successful acknowledgement of the backchannel
 * endpoint.
 */
class AcknowledgementConformanceTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	@Test
	void item082_acknowledgementIsJsonAndNotCached() throws Exception {
		BackchannelReply reply = suite.client(SuiteClient.DEMO).startForAlice();

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.http().getEntityContentType().matches(ContentType.APPLICATION_JSON)).isTrue();
		assertThat(reply.http().getHeaderValue("Cache-Control")).isEqualTo("no-store");
	}

	@Test
	void item083_authReqIdUsesOnlyUrlSafeCharacters() throws Exception {
		BackchannelReply reply = suite.client(SuiteClient.DEMO).startForAlice();

		assertThat(reply.json().get("auth_req_id")).isInstanceOf(String.class);
		assertThat((String) reply.json().get("auth_req_id")).matches("[A-Za-z0-9._-]+");
	}

	/**
	 * 256 random bits in base64url without padding (README): 43 characters; the suite
	 * asks for at least 128 bits and recommends 160.
	 */
	@Test
	void item084_authReqIdCarriesAtLeast128RandomBits() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		Set<String> seen = new HashSet<>();

		for (int i = 0; i < 4; i++) {
			AuthRequestID id = client.startForAlice().authReqId();
			byte[] decoded = Base64.getUrlDecoder().decode(id.getValue());
			assertThat(id.getValue()).hasSize(43);
			assertThat(decoded).hasSize(32);
			assertThat(seen.add(id.getValue())).isTrue();
			suite.hook().deny(id);
		}
	}

	@Test
	void item085_expiresInIsAPositiveJsonNumber() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		JSONObject byDefault = client.startForAlice().json();
		JSONObject requested = client.startForAlice(client.request("openid").requestedExpiry(120)).json();

		assertThat(byDefault.get("expires_in")).isInstanceOf(Number.class);
		assertThat(((Number) byDefault.get("expires_in")).longValue()).isEqualTo(300);
		assertThat(((Number) requested.get("expires_in")).longValue()).isEqualTo(120);
	}

	@Test
	void item086_intervalIsAJsonNumberForPollAndPingAndAbsentForPush() throws Exception {
		JSONObject poll = suite.client(SuiteClient.DEMO).startForAlice().json();
		JSONObject ping = suite.client(SuiteClient.PING).startForAlice().json();
		JSONObject push = suite.client(SuiteClient.PUSH).startForAlice().json();

		assertThat(poll.get("interval")).isInstanceOf(Number.class);
		assertThat(((Number) poll.get("interval")).longValue()).isEqualTo(5);
		assertThat(((Number) ping.get("interval")).longValue()).isEqualTo(5);
		assertThat(push).containsKeys("auth_req_id", "expires_in").doesNotContainKey("interval");
	}

	@Test
	void item087_identicalRequestsGetDifferentIndependentIds() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);

		AuthRequestID first = client.startForAlice().authReqId();
		AuthRequestID second = client.startForAlice().authReqId();
		suite.hook().approve(first);
		suite.hook().deny(second);

		assertThat(first).isNotEqualTo(second);
		assertThat(client.redeem(first).status()).isEqualTo(200);
		assertThat(client.redeem(second).errorCode()).isEqualTo("access_denied");
	}

}
