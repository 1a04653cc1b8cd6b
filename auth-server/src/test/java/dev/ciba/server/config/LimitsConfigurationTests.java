package dev.ciba.server.config;

import java.time.Duration;

import dev.ciba.push.audit.DeviceAuditSettings;
import dev.ciba.push.limits.DeviceLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code ciba.limits.*} and {@code ciba.audit.*} as the push module gets them.
 */
class LimitsConfigurationTests {

	private final LimitsConfiguration configuration = new LimitsConfiguration();

	@Test
	void deviceLimitsWhenDefaultsThenTheDocumentedOnes() {
		CibaProperties properties = new CibaProperties();

		assertThat(this.configuration.deviceLimits(properties)).isEqualTo(DeviceLimits.defaults());
		assertThat(this.configuration.deviceAuditSettings(properties)).isEqualTo(DeviceAuditSettings.defaults());
		assertThat(properties.getLimits().getRequests().getMax()).isEqualTo(10);
		assertThat(properties.getLimits().getRequests().getWindow()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void deviceLimitsWhenMaxBelowOneThenStartUpStopsNamingTheProperty() {
		CibaProperties properties = new CibaProperties();
		properties.getLimits().getBadSignatures().setMax(0);

		assertThatIllegalStateException().isThrownBy(() -> this.configuration.deviceLimits(properties))
			.withMessage("ciba.limits.bad-signatures.max must be at least 1");
	}

	@Test
	void deviceLimitsWhenWindowNotWholeSecondsThenStartUpStopsNamingTheProperty() {
		CibaProperties properties = new CibaProperties();
		properties.getLimits().getRegistrations().setWindow(Duration.ofMillis(1500));

		assertThatIllegalStateException().isThrownBy(() -> this.configuration.deviceLimits(properties))
			.withMessage("ciba.limits.registrations.window must be a positive number of whole seconds");
	}

	@Test
	void deviceAuditSettingsWhenRetentionNotPositiveThenStartUpStops() {
		CibaProperties properties = new CibaProperties();
		properties.getAudit().setRetention(Duration.ZERO);

		assertThatIllegalStateException().isThrownBy(() -> this.configuration.deviceAuditSettings(properties))
			.withMessage("ciba.audit.retention must be a positive duration");
	}

}
