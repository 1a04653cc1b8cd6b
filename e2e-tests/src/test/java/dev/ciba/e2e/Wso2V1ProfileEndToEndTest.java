package dev.ciba.e2e;

import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import dev.ciba.simulator.DiscoveryData;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.Protocol;
import dev.ciba.simulator.ServerAnswer;
import dev.ciba.simulator.Wso2V1DiscoveryData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poll-mode CIBA flow with a phone of generation 1 ("push-auth") of the WSO2
 * protocol, as the "WSO2 Verify" sample app speaks it, against the packaged server with
 * the compatibility profile on: the portal shows the generation-1 QR code, the phone
 * registers a 1024-bit RSA key from it, pulls the request in its own form and answers
 * with {@code sid}, {@code chg} and {@code res} (202).
 */
class Wso2V1ProfileEndToEndTest {

	@RegisterExtension
	static final PackagedServer server = new PackagedServer(new ServerProcess.Launch(List.of("demo"), List.of(),
			List.of(), List.of("--ciba.push.wso2-v1.enabled=true")));

	@RegisterExtension
	final BrowserExtension browsers = new BrowserExtension();

	@Test
	void pollWhenGenerationOnePhoneApprovesThenClientGetsVerifiedTokens(Browser browser) throws Exception {
		Phone phone = Phones.registerThroughPortalWso2V1(new Portal(browser, server.baseUrl()), "Alice's old phone",
				KeyType.RSA_1024);
		assertThat(phone.protocol()).isEqualTo(Protocol.WSO2_V1);
		assertThat(((RSAPublicKey) phone.key().publicKey()).getModulus().bitLength()).isEqualTo(1024);
		assertThat(phone.host()).isEqualTo(server.baseUrl());
		assertThat(phone.tenantDomain()).isEqualTo("default");
		CibaClient client = CibaClient.discover(server.baseUrl());
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Pay 42 EUR to Example Shop");
		assertThat(started.status()).isEqualTo(200);
		PendingRequest pending = onlyPending(phone);
		assertThat(pending.bindingMessage()).isEqualTo("Pay 42 EUR to Example Shop");
		assertThat(pending.applicationName()).isEqualTo(CibaClient.CLIENT_NAME);
		assertThat(pending.username()).isEqualTo(Phones.USERNAME);
		assertThat(pending.tenantDomain()).isEqualTo("default");
		assertThat(pending.deviceId()).isEqualTo(phone.deviceId());
		assertThat(pending.scope().split(" ")).containsExactlyInAnyOrder("openid", "profile", "email");
		TokenPolling polling = client.polling(started.acknowledgement());
		assertThat(polling.poll().errorCode()).isEqualTo("authorization_pending");

		ServerAnswer approval = phone.approve(pending);
		TokenAnswer answer = polling.pollUntilDecided();

		assertThat(approval.status()).isEqualTo(202);
		assertThat(answer.status()).isEqualTo(200);
		IDTokenClaimsSet idToken = client.validateIdToken(answer.tokens().getIDToken());
		assertThat(idToken.getIssuer().getValue()).isEqualTo(server.baseUrl());
		assertThat(idToken.getSubject().getValue()).isNotBlank().isNotEqualTo(Phones.USERNAME);
		assertThat(phone.pending()).isEmpty();
		assertThat(phone.approve(pending).status()).isEqualTo(410);
	}

	@Test
	void pollWhenGenerationOnePhoneDeniesThenAccessDeniedAndItCanRemoveItself(Browser browser) throws Exception {
		Portal portal = new Portal(browser, server.baseUrl());
		Phone phone = Phones.registerThroughPortalWso2V1(portal, "Denying old phone", KeyType.RSA_1024);
		CibaClient client = CibaClient.discover(server.baseUrl());
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Transfer 900 EUR to Mallory");
		PendingRequest pending = onlyPending(phone);

		assertThat(phone.deny(pending).status()).isEqualTo(202);
		TokenAnswer answer = client.polling(started.acknowledgement()).pollUntilDecided();

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.errorCode()).isEqualTo("access_denied");
		assertThat(phone.remove().status()).isEqualTo(204);
		portal.openDevices();
		assertThat(portal.deviceRow(phone.deviceId())).isEmpty();
	}

	@Test
	void registerWhenRsa1024KeyOnTheGenerationTwoPathThenRefusedAndTheSameCodeServesGenerationOne(Browser browser) {
		Portal portal = new Portal(browser, server.baseUrl());
		portal.logIn(Phones.USERNAME, Phones.PASSWORD);
		Portal.Registration registration = portal.registerDevice();
		DiscoveryData data = DiscoveryData.parse(registration.scannedQr());
		Phone weak = Phone.create(data, KeyType.RSA_1024, Phone.newHttpClient(), Clock.systemUTC());

		ServerAnswer refused = weak.register("Weak phone", "Simulator", "");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.error()).isEqualTo("invalid_request");
		assertThat(refused.errorDescription())
			.isEqualTo("The parameter publicKey is not acceptable: The RSA key must have 2048 to 8192 bits");
		Portal.Registration sameRegistration = portal.showRegistrationWso2V1(registration.deviceId());
		Wso2V1DiscoveryData v1Data = Wso2V1DiscoveryData.parse(sameRegistration.scannedQr());
		assertThat(v1Data.did()).isEqualTo(data.deviceId());
		assertThat(v1Data.chg()).isEqualTo(data.challenge());
		Phone v1Phone = Phone.register(v1Data, "Old phone", KeyType.RSA_1024, Phone.newHttpClient());
		assertThat(v1Phone.deviceId()).isEqualTo(registration.deviceId());
		ServerAnswer again = Phone.create(v1Data, KeyType.RSA, Phone.newHttpClient(), Clock.systemUTC())
			.register("Second phone", "Simulator", "");
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.errorDescription()).isEqualTo("The registration is unknown, already used or expired");
		portal.openDevices();
		assertThat(portal.deviceRow(registration.deviceId())).hasSize(1);
	}

	private static PendingRequest onlyPending(Phone phone) {
		List<PendingRequest> pending = phone.pending();
		assertThat(pending).hasSize(1);
		return pending.get(0);
	}

}
