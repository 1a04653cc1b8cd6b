package dev.ciba.conformance.crash;

import java.nio.file.Path;

import dev.ciba.push.outbox.PushSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Wraps the authorization service and the push sender so that a CIBA redemption
 * ({@link PausingAuthorizationService}) or a push to a phone ({@link PausingPushSender})
 * waits while its marker file exists, and the outboxes and the sender of client
 * notifications so that a node claims nothing, or a ping or push to a client waits before
 * it is sent ({@link OutboxPauses}). Each marker holds every node that shares the
 * directory, or one node when its name ends with the node's process id
 * ({@link MarkerPause}). Active only when {@value #DIRECTORY_PROPERTY} names the
 * directory of the marker files, and only if this test-only module was put on the
 * server's class path on purpose.
 */
@AutoConfiguration
@ConditionalOnProperty(name = CrashPauseAutoConfiguration.DIRECTORY_PROPERTY)
public class CrashPauseAutoConfiguration {

	/** The directory of the marker files. */
	public static final String DIRECTORY_PROPERTY = "ciba.test.crash-pause.directory";

	private static final Logger logger = LoggerFactory.getLogger(CrashPauseAutoConfiguration.class);

	// Static: a post-processor is created before the other beans.
	@Bean
	static BeanPostProcessor crashPauses(Environment environment) {
		Path directory = Path.of(environment.getRequiredProperty(DIRECTORY_PROPERTY));
		logger.warn("The test-only crash pauses are ON: token redemptions, outbox claims and pushes to phones and "
				+ "clients wait while marker files exist in {}. Never run this outside a test.", directory);
		OutboxPauses outboxPauses = new OutboxPauses(new MarkerPause(directory, "claims"),
				new MarkerPause(directory, "delivery"));
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof OAuth2AuthorizationService service) {
					return new PausingAuthorizationService(service, new MarkerPause(directory, "redemption"));
				}
				if (bean instanceof PushSender sender) {
					return new PausingPushSender(sender, new MarkerPause(directory, "push"));
				}
				return outboxPauses.apply(bean);
			}

		};
	}

}
