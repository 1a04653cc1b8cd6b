package dev.ciba.e2e;

import java.nio.file.Path;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWT;
import dev.ciba.simulator.KeyType;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing that matters lives in the server's memory: a request started before a restart
 * is answered and redeemed after it, and tokens are signed with the same stored key.
 */
class ServerRestartEndToEndTest {

	@RegisterExtension
	static final PackagedServer server = new PackagedServer();

	@RegisterExtension
	final BrowserExtension browsers = new BrowserExtension();

	@Test
	void pollWhenServerRestartsBeforeTheAnswerThenTokensVerifyWithTheSameKeys(Browser browser, @TempDir Path state)
			throws Exception {
		Portal portal = new Portal(browser, server.baseUrl());
		Phone phone = Phones.registerThroughPortal(portal, "Phone across restarts", KeyType.EC);
		Path stateFile = state.resolve("phone.json");
		phone.save(stateFile);
		CibaClient client = CibaClient.discover(server.baseUrl());
		JWKSet keysBeforeRestart = client.publishedKeys();
		assertThat(keysBeforeRestart.getKeys()).isNotEmpty();
		CibaClient.BackchannelAnswer started = client.startRequest(Phones.USERNAME, "Approve after the restart");

		server.restart();
		Phone reloaded = Phone.load(stateFile);
		List<PendingRequest> pending = reloaded.pending();
		assertThat(pending).hasSize(1);
		assertThat(pending.get(0).bindingMessage()).isEqualTo("Approve after the restart");
		assertThat(reloaded.approve(pending.get(0)).status()).isEqualTo(200);
		CibaClient clientAfterRestart = CibaClient.discover(server.baseUrl());
		TokenAnswer answer = clientAfterRestart.polling(started.acknowledgement()).pollUntilDecided();

		assertThat(answer.status()).isEqualTo(200);
		JWT idToken = answer.tokens().getIDToken();
		assertThat(clientAfterRestart.validateIdToken(idToken).getSubject().getValue()).isNotBlank();
		assertThat(clientAfterRestart.validateIdToken(idToken, keysBeforeRestart).getIssuer().getValue())
			.isEqualTo(server.baseUrl());
		assertThat(clientAfterRestart.publishedKeys().toJSONObject()).isEqualTo(keysBeforeRestart.toJSONObject());
		portal.logIn(Phones.USERNAME, Phones.PASSWORD);
		assertThat(portal.deviceRow(reloaded.deviceId())).hasSize(1);
	}

}
