package dev.ciba.e2e;

import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;
import com.nimbusds.oauth2.sdk.rar.AuthorizationDetail;
import com.nimbusds.oauth2.sdk.rar.AuthorizationType;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.ServerAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Number matching switched on for every client, and a payment's authorization details,
 * through the packaged server: the independent client reads the number from the
 * acknowledgement, the simulated phone sees the payment in words and three numbers, and
 * only the right one approves.
 */
class NumberMatchingEndToEndTest {

	@RegisterExtension
	static final PackagedServer server = new PackagedServer(new ServerProcess.Launch(List.of("demo"), List.of(),
			List.of(),
			List.of("--ciba.push.number-matching.enabled=true", "--ciba.push.number-matching.max-wrong-answers=2")));

	@RegisterExtension
	final BrowserExtension browsers = new BrowserExtension();

	@Test
	void pollWhenNumberMatchingAndAPaymentThenThePhoneShowsItAndOnlyTheRightNumberApproves(Browser browser)
			throws Exception {
		Phone phone = Phones.registerThroughPortal(new Portal(browser, server.baseUrl()), "Matching phone", KeyType.EC);
		CibaClient client = CibaClient.discover(server.baseUrl());
		AuthorizationDetail payment = new AuthorizationDetail.Builder(new AuthorizationType("payment_initiation"))
			.field("instructedAmount", Map.of("currency", "EUR", "amount", "42.00"))
			.field("creditorName", "Example Shop")
			.field("creditorAccount", Map.of("iban", "DE02100100109307118603"))
			.build();

		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Pay 42 EUR to Example Shop",
				List.of(payment));
		CIBARequestAcknowledgement acknowledgement = started.acknowledgement();
		String number = (String) started.member("number_challenge");
		PendingRequest pending = phone.pending().get(0);
		String wrong = pending.numberChoices().stream().filter((choice) -> !choice.equals(number)).findFirst().get();
		ServerAnswer refused = phone.approve(pending, wrong);
		ServerAnswer approved = phone.approve(pending, number);
		TokenAnswer answer = client.polling(acknowledgement).pollUntilDecided();

		assertThat(number).matches("[1-9][0-9]");
		assertThat(pending.numberChoices()).hasSize(3).doesNotHaveDuplicates().contains(number);
		assertThat(pending.bindingMessage()).isEqualTo("Pay 42 EUR to Example Shop");
		assertThat(pending.scopeDescriptions()).containsEntry("openid", "Confirm who you are")
			.containsEntry("email", "See your e-mail address");
		assertThat(pending.authorizationDetails()).singleElement().satisfies((shown) -> {
			assertThat(shown.type()).isEqualTo("payment_initiation");
			assertThat(shown.summary()).isEqualTo("Payment of 42.00 EUR to Example Shop");
			assertThat(shown.lines()).contains("Amount: 42.00 EUR", "Creditor: Example Shop");
		});
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("invalid_number_challenge").doesNotContain("\"" + number + "\"");
		assertThat(approved.status()).isEqualTo(200);
		assertThat(answer.status()).isEqualTo(200);
		List<AuthorizationDetail> granted = answer.tokens().getAccessToken().getAuthorizationDetails();
		assertThat(granted).extracting(AuthorizationDetail::toJSONObject).containsExactly(payment.toJSONObject());
		Object claim = SignedJWT.parse(answer.tokens().getAccessToken().getValue())
			.getJWTClaimsSet()
			.getClaim("authorization_details");
		assertThat(claim).isEqualTo(List.of(payment.toJSONObject()));
	}

}
