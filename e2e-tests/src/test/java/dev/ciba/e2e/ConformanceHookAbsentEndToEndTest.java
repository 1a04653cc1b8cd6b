package dev.ciba.e2e;

import java.util.List;

import com.nimbusds.oauth2.sdk.ciba.AuthRequestID;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The approval hook exists only where the test-only module was put on the class path: the
 * packaged server alone has no such endpoint, even with the {@code conformance} profile
 * and {@code ciba.conformance.hook-enabled=true}.
 */
class ConformanceHookAbsentEndToEndTest {

	@RegisterExtension
	static final PackagedServer server = new PackagedServer(new ServerProcess.Launch(List.of("demo", "conformance"),
			List.of(), List.of(), List.of("--ciba.conformance.hook-enabled=true")));

	@Test
	void decideWhenHookModuleIsNotOnTheClassPathThen404AndTheRequestStaysPending() throws Exception {
		Phone phone = Phone.register(
				PortalSession.logIn(server.baseUrl(), Phones.USERNAME, Phones.PASSWORD).discoveryData(),
				"Phone without hook", KeyType.EC, Phone.newHttpClient());
		CibaClient client = CibaClient.discover(server.baseUrl());
		AuthRequestID id = client.startRequest(Phones.USERNAME, "Nobody but alice decides")
			.acknowledgement()
			.getAuthRequestID();

		HTTPResponse hook = new ApprovalHook(server.baseUrl()).decide(id.getValue(), "approve");

		OAuthErrors.assertOAuthError(hook, 404, "not_found");
		assertThat(client.redeem(id).errorCode()).isEqualTo("authorization_pending");
		assertThat(phone.pending()).hasSize(1);
	}

}
