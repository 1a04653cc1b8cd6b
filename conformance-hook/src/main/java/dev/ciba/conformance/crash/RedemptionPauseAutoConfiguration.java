package dev.ciba.conformance.crash;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;

/**
 * Wraps the authorization service so that storing the authorization of a CIBA redemption
 * waits while a marker file exists ({@link PausingAuthorizationService}). Active only
 * when {@value #DIRECTORY_PROPERTY} names the directory of the marker files, and only if
 * this test-only module was put on the server's class path on purpose.
 */
@AutoConfiguration
@ConditionalOnProperty(name = RedemptionPauseAutoConfiguration.DIRECTORY_PROPERTY)
public class RedemptionPauseAutoConfiguration {

	/** The directory of the marker files. */
	public static final String DIRECTORY_PROPERTY = "ciba.test.redemption-pause.directory";

	private static final Logger logger = LoggerFactory.getLogger(RedemptionPauseAutoConfiguration.class);

	// Static: a post-processor is created before the other beans.
	@Bean
	static BeanPostProcessor redemptionPause(Environment environment) {
		Path directory = Path.of(environment.getRequiredProperty(DIRECTORY_PROPERTY));
		logger.warn("The test-only redemption pause is ON: token redemptions wait while {} exists. "
				+ "Never run this outside a test.", directory.resolve(PausingAuthorizationService.PAUSE_FILE));
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof OAuth2AuthorizationService service) {
					return new PausingAuthorizationService(service, directory);
				}
				return bean;
			}

		};
	}

}
