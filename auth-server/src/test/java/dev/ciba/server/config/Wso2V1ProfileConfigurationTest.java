package dev.ciba.server.config;

import java.time.Duration;

import dev.ciba.push.PushChannelSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ciba.push.wso2-v1.*} reaches the push module's settings.
 */
class Wso2V1ProfileConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(
			PushSenderConfigurationTest.PropertiesConfiguration.class, ApplicationConfiguration.class);

	@Test
	void settingsWhenNothingConfiguredThenProfileOffWithAnHourOfTokenLifetime() {
		this.runner.run((context) -> assertThat(context.getBean(PushChannelSettings.class).wso2V1())
			.isEqualTo(new PushChannelSettings.Wso2V1(false, Duration.ofHours(1))));
	}

	@Test
	void settingsWhenConfiguredThenProfileOnWithThatLifetime() {
		this.runner.withPropertyValues("ciba.push.wso2-v1.enabled=true", "ciba.push.wso2-v1.max-token-lifetime=10m")
			.run((context) -> assertThat(context.getBean(PushChannelSettings.class).wso2V1())
				.isEqualTo(new PushChannelSettings.Wso2V1(true, Duration.ofMinutes(10))));
	}

	@Test
	void settingsWhenLifetimeZeroThenStartUpFailsNamingIt() {
		this.runner.withPropertyValues("ciba.push.wso2-v1.max-token-lifetime=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("wso2V1.maxTokenLifetime must be positive"));
	}

}
