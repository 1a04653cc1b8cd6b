package dev.ciba.conformance.crash;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.ciba.push.outbox.OutboxEntry;
import dev.ciba.push.outbox.PushMessage;
import dev.ciba.push.outbox.PushOutbox;
import dev.ciba.push.outbox.PushSendResult;
import dev.ciba.push.outbox.PushSender;
import dev.ciba.server.delivery.NotificationHttpSender;
import dev.ciba.server.delivery.NotificationHttpSender.SendResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.atLeastOnce;
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
	void claimDueWhenThisNodesClaimsAreHeldThenClaimsNothingUntilTheMarkerIsRemoved(@TempDir Path directory)
			throws Exception {
		JdbcClient jdbc = mock(JdbcClient.class, RETURNS_DEEP_STUBS);
		Path hold = directory.resolve("pause-claims-" + ProcessHandle.current().pid());
		Files.writeString(hold, "");
		this.runner.withPropertyValues(CrashPauseAutoConfiguration.DIRECTORY_PROPERTY + "=" + directory)
			.withBean(PushOutbox.class, () -> new PushOutbox(jdbc))
			.run((context) -> {
				PushOutbox outbox = context.getBean(PushOutbox.class);
				Instant now = Instant.now();

				List<OutboxEntry> held = outbox.claimDue(now, 10, now.plusSeconds(60));
				verifyNoInteractions(jdbc);
				Files.delete(hold);
				outbox.claimDue(now, 10, now.plusSeconds(60));

				assertThat(held).isEmpty();
				verify(jdbc, atLeastOnce()).sql(anyString());
			});
	}

	@Test
	void postWhenThisNodesDeliveriesArePausedThenWaitsUntilTheMarkerIsRemoved(@TempDir Path directory) {
		this.runner.withPropertyValues(CrashPauseAutoConfiguration.DIRECTORY_PROPERTY + "=" + directory)
			.withBean(NotificationHttpSender.class,
					() -> new NotificationHttpSender(Duration.ofSeconds(1), Duration.ofSeconds(1), null))
			.run((context) -> {
				NotificationHttpSender sender = context.getBean(NotificationHttpSender.class);
				Path pause = directory.resolve("pause-delivery-" + ProcessHandle.current().pid());
				Files.writeString(pause, "");

				// A bearer token with a space is refused before any connection is made.
				CompletableFuture<SendResult> sent = CompletableFuture.supplyAsync(() -> sender
					.post(URI.create("https://client.test/cb"), InetAddress.getLoopbackAddress(), "no token", "{}"));
				await()
					.until(() -> Files.exists(directory.resolve("delivery-paused-" + ProcessHandle.current().pid())));
				assertThat(sent).isNotDone();
				Files.delete(pause);

				assertThat(sent.get(5, TimeUnit.SECONDS).errorCode()).isEqualTo("invalid_token_syntax");
			});
	}

	@Test
	void isOnWhenOnlyAnotherNodesMarkerExistsThenOff(@TempDir Path directory) throws Exception {
		Files.writeString(directory.resolve("pause-push-41"), "");

		assertThat(new MarkerPause(directory, "push", 42).isOn()).isFalse();
		assertThat(new MarkerPause(directory, "push", 41).isOn()).isTrue();
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
