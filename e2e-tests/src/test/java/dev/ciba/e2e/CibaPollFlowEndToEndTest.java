package dev.ciba.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.ServerAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poll-mode CIBA flow end to end: a customer registers a phone in the portal, the
 * demo client asks for authentication, the phone answers (or does not) and the client
 * polls for the outcome.
 */
class CibaPollFlowEndToEndTest {

	@RegisterExtension
	static final PackagedServer server = new PackagedServer();

	@RegisterExtension
	final BrowserExtension browsers = new BrowserExtension();

	@Test
	void pollWhenPhoneApprovesThenClientGetsVerifiedTokensOnce(Browser browser) throws Exception {
		Portal portal = new Portal(browser, server.baseUrl());
		Phone phone = Phones.registerThroughPortal(portal, "Alice's phone", KeyType.RSA);
		assertRegisteredForAlice(phone, browser);
		CibaClient client = CibaClient.discover(server.baseUrl());
		assertThat(client.metadata().getBackChannelAuthenticationEndpointURI())
			.hasToString(server.baseUrl() + "/oauth2/bc-authorize");
		assertThat(client.metadata().getJWKSetURI()).hasToString(server.baseUrl() + "/oauth2/jwks");
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Pay 42 EUR to Example Shop");
		assertThat(started.status()).isEqualTo(200);
		assertThat(started.acknowledgement().getExpiresIn()).isEqualTo(300);
		assertThat(started.acknowledgement().getMinWaitInterval()).isEqualTo(5);
		PendingRequest pending = onlyPending(phone);
		assertShowsRequest(pending, phone, "Pay 42 EUR to Example Shop", Duration.ofSeconds(300));
		TokenPolling polling = client.polling(started.acknowledgement());
		TokenAnswer beforeAnswer = polling.poll();
		assertThat(beforeAnswer.status()).isEqualTo(400);
		assertThat(beforeAnswer.errorCode()).isEqualTo("authorization_pending");

		assertThat(phone.approve(pending).status()).isEqualTo(200);
		TokenAnswer afterApproval = polling.pollUntilDecided();

		assertThat(afterApproval.status()).isEqualTo(200);
		assertThat(afterApproval.cacheControlDirectives()).contains("no-store");
		assertThat(afterApproval.tokens().getAccessToken().getType()).isEqualTo(AccessTokenType.BEARER);
		IDTokenClaimsSet idToken = client.validateIdToken(afterApproval.tokens().getIDToken());
		assertThat(idToken.getIssuer().getValue()).isEqualTo(server.baseUrl());
		assertThat(idToken.getAudience()).extracting(Audience::getValue).containsExactly(CibaClient.CLIENT_ID);
		String subject = idToken.getSubject().getValue();
		assertThat(subject).isNotBlank().isNotEqualTo(Phones.USERNAME).isNotEqualTo(Phones.EMAIL);
		assertThat(phone.pending()).isEmpty();
		TokenAnswer replay = polling.poll();
		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.errorCode()).isEqualTo("invalid_grant");
		assertThat(subjectOfApprovedRequest(client, phone, "Second payment: 7 EUR")).isEqualTo(subject);
		portal.openDevices();
		assertThat(browser.driver()
			.findElements(By.cssSelector("#device-" + phone.deviceId() + " .device-last-used time"))).hasSize(1);
	}

	@Test
	void pollWhenPhoneDeniesThenClientGetsAccessDenied(Browser browser) throws Exception {
		Phone phone = Phones.registerThroughPortal(new Portal(browser, server.baseUrl()), "Denying phone", KeyType.EC);
		CibaClient client = CibaClient.discover(server.baseUrl());
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Transfer 900 EUR to Mallory");
		PendingRequest pending = onlyPending(phone);
		assertThat(pending.bindingMessage()).isEqualTo("Transfer 900 EUR to Mallory");

		assertThat(phone.deny(pending).status()).isEqualTo(200);
		TokenAnswer answer = client.polling(started.acknowledgement()).pollUntilDecided();

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo("access_denied");
		assertThat(phone.pending()).isEmpty();
		assertThat(phone.approve(pending).status()).isEqualTo(410);
	}

	@Test
	void pollWhenRequestedExpiryPassesWithoutAnswerThenExpiredToken(Browser browser) throws Exception {
		Phone phone = Phones.registerThroughPortal(new Portal(browser, server.baseUrl()), "Silent phone", KeyType.RSA);
		CibaClient client = CibaClient.discover(server.baseUrl());
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Nobody answers this", 5);
		CIBARequestAcknowledgement acknowledgement = started.acknowledgement();
		assertThat(acknowledgement.getExpiresIn()).isEqualTo(5);
		PendingRequest pending = onlyPending(phone);
		assertThat(Duration.between(pending.requestTime(), pending.expiresAt())).isEqualTo(Duration.ofSeconds(5));
		TokenPolling polling = client.polling(acknowledgement);
		assertThat(polling.poll().errorCode()).isEqualTo("authorization_pending");

		TokenAnswer answer = polling.pollUntilDecided();

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo("expired_token");
		assertThat(Instant.now()).isAfterOrEqualTo(started.receivedAt().plusSeconds(5));
		assertThat(phone.pending()).isEmpty();
		assertThat(phone.approve(pending).status()).isEqualTo(410);
	}

	@Test
	void pollWhenOneOfTwoPhonesApprovesThenTheOtherSeesTheRequestClosedAndClientGetsTokens(Browser browser)
			throws Exception {
		Portal portal = new Portal(browser, server.baseUrl());
		Phone first = Phones.registerThroughPortal(portal, "Alice's first phone", KeyType.RSA);
		Phone second = Phones.registerAnotherThroughPortal(portal, "Alice's second phone", KeyType.EC);
		try {
			CibaClient client = CibaClient.discover(server.baseUrl());
			CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Pay 5 EUR, two phones");
			PendingRequest onFirst = onlyPending(first);
			PendingRequest onSecond = onlyPending(second);
			assertThat(onSecond.pushId()).isEqualTo(onFirst.pushId());
			assertThat(onSecond.deviceId()).isEqualTo(second.deviceId());
			assertThat(onSecond.bindingMessage()).isEqualTo("Pay 5 EUR, two phones");

			assertThat(first.approve(onFirst).status()).isEqualTo(200);

			assertThat(second.pending()).isEmpty();
			ServerAnswer late = second.deny(onSecond);
			assertThat(late.status()).isEqualTo(410);
			assertThat(late.error()).isEqualTo("invalid_request");
			TokenAnswer answer = client.polling(started.acknowledgement()).pollUntilDecided();
			assertThat(answer.status()).isEqualTo(200);
			assertThat(client.validateIdToken(answer.tokens().getIDToken()).getSubject().getValue()).isNotBlank();
		}
		finally {
			// Alice's phones add up over this class's tests on one server; these two give
			// their places back so that the other tests stay below the device limit.
			first.remove();
			second.remove();
		}
	}

	private static void assertRegisteredForAlice(Phone phone, Browser browser) {
		assertThat(phone.username()).isEqualTo(Phones.USERNAME);
		assertThat(phone.host()).isEqualTo(server.baseUrl());
		assertThat(phone.tenantDomain()).isEqualTo("default");
		WebElement row = browser.driver().findElement(By.id("device-" + phone.deviceId()));
		assertThat(row.findElement(By.className("name")).getText()).isEqualTo("Alice's phone");
		assertThat(row.findElement(By.className("device-model")).getText()).isEqualTo("Simulator");
		assertThat(row.findElements(By.id("pull-only-" + phone.deviceId()))).hasSize(1);
	}

	private static void assertShowsRequest(PendingRequest pending, Phone phone, String bindingMessage,
			Duration lifetime) {
		assertThat(pending.bindingMessage()).isEqualTo(bindingMessage);
		assertThat(pending.applicationName()).isEqualTo(CibaClient.CLIENT_NAME);
		assertThat(scopes(pending.scope())).containsExactlyInAnyOrder("openid", "profile", "email");
		assertThat(pending.username()).isEqualTo(Phones.USERNAME);
		assertThat(pending.deviceId()).isEqualTo(phone.deviceId());
		assertThat(pending.tenantDomain()).isEqualTo("default");
		assertThat(pending.relativePath()).isEqualTo("/t/default");
		assertThat(pending.notificationScenario()).isEqualTo("AUTHENTICATION");
		assertThat(pending.ipAddress()).isEqualTo("127.0.0.1");
		assertThat(Duration.between(pending.requestTime(), pending.expiresAt())).isEqualTo(lifetime);
	}

	/**
	 * A second flow, this time asked for by e-mail address and approved before the first
	 * poll.
	 */
	private static String subjectOfApprovedRequest(CibaClient client, Phone phone, String bindingMessage)
			throws Exception {
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.EMAIL, bindingMessage);
		PendingRequest pending = onlyPending(phone);
		assertThat(pending.bindingMessage()).isEqualTo(bindingMessage);
		assertThat(phone.approve(pending).status()).isEqualTo(200);
		TokenAnswer answer = client.polling(started.acknowledgement()).pollUntilDecided();
		return client.validateIdToken(answer.tokens().getIDToken()).getSubject().getValue();
	}

	private static PendingRequest onlyPending(Phone phone) {
		List<PendingRequest> pending = phone.pending();
		assertThat(pending).hasSize(1);
		return pending.get(0);
	}

	private static List<String> scopes(String scope) {
		return Arrays.asList(scope.split(" "));
	}

}
