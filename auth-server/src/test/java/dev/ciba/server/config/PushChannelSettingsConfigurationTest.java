package dev.ciba.server.config;

import java.time.Duration;

import dev.ciba.push.PushChannelSettings;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device channel's settings from {@code ciba.push.registration.*},
 * {@code ciba.push.resend.*} and {@code ciba.push.outbox.*}.
 */
class PushChannelSettingsConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(
			PushSenderConfigurationTest.PropertiesConfiguration.class, ApplicationConfiguration.class);

	@Test
	void pushChannelSettingsWhenNothingSetThenDocumentedDefaults() {
		this.runner.run((context) -> {
			PushChannelSettings settings = context.getBean(PushChannelSettings.class);
			assertThat(settings.registration().maxDevicesPerCustomer()).isEqualTo(5);
			assertThat(settings.resend()).isEqualTo(new PushChannelSettings.Resend(Duration.ofSeconds(30), 2));
			assertThat(settings.outbox()).isEqualTo(PushChannelSettings.Outbox.defaults());
		});
	}

	@Test
	void pushChannelSettingsWhenPropertiesSetThenTaken() {
		this.runner
			.withPropertyValues("ciba.push.registration.max-devices-per-customer=2", "ciba.push.resend.after=45s",
					"ciba.push.resend.max-count=0")
			.run((context) -> {
				PushChannelSettings settings = context.getBean(PushChannelSettings.class);
				assertThat(settings.registration().maxDevicesPerCustomer()).isEqualTo(2);
				assertThat(settings.registration().maxOpenPerCustomer()).isEqualTo(3);
				assertThat(settings.resend().after()).isEqualTo(Duration.ofSeconds(45));
				assertThat(settings.resend().enabled()).isFalse();
			});
	}

	@Test
	void pushChannelSettingsWhenOutboxPropertiesSetThenTaken() {
		this.runner
			.withPropertyValues("ciba.push.outbox.poll-delay=2s", "ciba.push.outbox.batch-size=7",
					"ciba.push.outbox.max-attempts=3", "ciba.push.outbox.retry-delay=1s",
					"ciba.push.outbox.max-retry-delay=20s", "ciba.push.outbox.claim-lease=15s")
			.run((context) -> assertThat(context.getBean(PushChannelSettings.class).outbox())
				.isEqualTo(new PushChannelSettings.Outbox(Duration.ofSeconds(2), 7, 3, Duration.ofSeconds(1),
						Duration.ofSeconds(20), Duration.ofSeconds(15))));
	}

	@Test
	void pushChannelSettingsWhenTheClaimLeaseIsZeroThenStartUpFailsNamingTheSetting() {
		this.runner.withPropertyValues("ciba.push.outbox.claim-lease=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("outbox.claimLease must be positive"));
	}

	@Test
	void pushChannelSettingsWhenNoDeviceAllowedThenStartUpFailsNamingTheSetting() {
		this.runner.withPropertyValues("ciba.push.registration.max-devices-per-customer=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("registration.maxDevicesPerCustomer must be at least 1"));
	}

}
