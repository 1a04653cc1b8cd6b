package dev.ciba.conformance.crash;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.ciba.push.outbox.PushMessage;
import dev.ciba.push.outbox.PushSendResult;
import dev.ciba.push.outbox.PushSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class CrashPauseAutoConfigurationTests {

	private final OAuth2AuthorizationService authorizations = mock(OAuth2AuthorizationService.class);

	private final PushSender sender = mock(PushSender.class);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CrashPauseAutoConfiguration.class))
		.withBean(OAuth2AuthorizationService.class, () -> this.authorizations)
		.withBean(PushSender.class, () -> this.sender);

	@Test
	void beansWhenDirectoryNotSetThenLeftAsTheyAre() {
		this.runner.run((context) -> {
			assertThat(context.getBean(OAuth2AuthorizationService.class)).isSameAs(this.authorizations);
			assertThat(context.getBean(PushSender.class)).isSameAs(this.sender);
		});
	}

	@Test
	void beansWhenDirectorySetThenWrapped(@TempDir Path directory) {
		this.runner.withPropertyValues(CrashPauseAutoConfiguration.DIRECTORY_PROPERTY + "=" + directory)
			.run((context) -> {
				assertThat(context.getBean(OAuth2AuthorizationService.class))
					.isInstanceOf(PausingAuthorizationService.class);
				assertThat(context.getBean(PushSender.class)).isInstanceOf(PausingPushSender.class);
			});
	}

	@Test
	void sendWhenMarkerExistsThenWaitsUntilItIsRemoved(@TempDir Path directory) throws Exception {
		PushMessage message = new PushMessage("device-1", "push-token", Map.of(), "Title", "Body");
		when(this.sender.send(message)).thenReturn(new PushSendResult.Sent());
		PausingPushSender pausing = new PausingPushSender(this.sender, new MarkerPause(directory, "push"));
		Files.writeString(directory.resolve("pause-push"), "");

		CompletableFuture<PushSendResult> sent = CompletableFuture.supplyAsync(() -> pausing.send(message));
		await().until(() -> Files.exists(directory.resolve("push-paused")));
		verifyNoInteractions(this.sender);
		Files.delete(directory.resolve("pause-push"));

		assertThat(sent.get(5, TimeUnit.SECONDS)).isEqualTo(new PushSendResult.Sent());
		verify(this.sender).send(message);
	}

	@Test
	void sendWhenNoMarkerThenSendsAtOnce(@TempDir Path directory) {
		PushMessage message = new PushMessage("device-1", "push-token", Map.of(), "Title", "Body");
		when(this.sender.send(message)).thenReturn(new PushSendResult.Sent());

		PushSendResult result = new PausingPushSender(this.sender, new MarkerPause(directory, "push")).send(message);

		assertThat(result).isEqualTo(new PushSendResult.Sent());
		assertThat(directory.resolve("push-paused")).doesNotExist();
	}

}
