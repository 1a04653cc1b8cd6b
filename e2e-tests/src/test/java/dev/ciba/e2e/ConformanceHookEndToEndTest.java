package dev.ciba.e2e;

import java.util.List;

import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.ciba.simulator.PendingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval hook decides a request as the customer's phone would: the phone's pending
 * list empties, the phone's own late answer is told the request was already answered, and
 * the client gets its tokens once.
 */
class ConformanceHookEndToEndTest {

	@RegisterExtension
	static final ConformanceSuite suite = new ConformanceSuite();

	@Test
	void decideWhenApproveThenTheRequestIsApprovedAsByThePhone() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		AuthRequestID id = client.startForAlice(client.request("openid").bindingMessage("Hook approves this"))
			.authReqId();
		List<PendingRequest> before = suite.phone().pending();

		suite.hook().approve(id);

		assertThat(before).extracting(PendingRequest::bindingMessage).containsExactly("Hook approves this");
		assertThat(suite.phone().pending()).isEmpty();
		assertThat(suite.phone().approve(before.get(0)).status()).isEqualTo(410);
		assertThat(client.redeem(id).status()).isEqualTo(200);
		HTTPResponse again = suite.hook().decide(id.getValue(), "deny");
		OAuthErrors.assertOAuthError(again, 409, "not_pending");
	}

	@Test
	void decideWhenDenyThenThePhoneCanNoLongerApprove() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		AuthRequestID id = client.startForAlice(client.request("openid").bindingMessage("Hook denies this"))
			.authReqId();
		PendingRequest shown = suite.phone().pending().get(0);

		suite.hook().deny(id);

		assertThat(suite.phone().approve(shown).status()).isEqualTo(410);
		OAuthErrors.assertOAuthError(client.redeem(id).http(), 400, "access_denied");
	}

	@Test
	void decideWhenPhoneAnsweredFirstThenTheHookChangesNothing() throws Exception {
		ConformanceClient client = suite.client(SuiteClient.DEMO);
		AuthRequestID id = client.startForAlice().authReqId();
		assertThat(suite.phone().deny(suite.phone().pending().get(0)).status()).isEqualTo(200);

		HTTPResponse hook = suite.hook().decide(id.getValue(), "approve");

		OAuthErrors.assertOAuthError(hook, 409, "not_pending");
		OAuthErrors.assertOAuthError(client.redeem(id).http(), 400, "access_denied");
	}

	@Test
	void decideWhenAuthReqIdIsUnknownOrDecisionInvalidThenRefused() throws Exception {
		AuthRequestID id = suite.client(SuiteClient.DEMO).startForAlice().authReqId();

		HTTPResponse unknown = suite.hook().decide(ConformanceClient.randomToken(), "approve");
		HTTPResponse badDecision = suite.hook().decide(id.getValue(), "maybe");

		OAuthErrors.assertOAuthError(unknown, 404, "unknown_request");
		OAuthErrors.assertOAuthError(badDecision, 400, "invalid_request");
		assertThat(suite.phone().pending()).hasSize(1);
	}

}
