package dev.ciba.push;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PushChannelSettingsTest {

	@Test
	void defaultsWhenCreatedThenDocumentedValues() {
		PushChannelSettings settings = PushChannelSettings.defaults("bank", "https://ciba.example/");

		assertThat(settings.publicBaseUrl()).isEqualTo("https://ciba.example");
		assertThat(settings.tenantPath()).isEqualTo("/t/bank");
		assertThat(settings.registration().lifetime()).isEqualTo(Duration.ofSeconds(180));
		assertThat(settings.registration().maxOpenPerCustomer()).isEqualTo(3);
		assertThat(settings.registration().maxDevicesPerCustomer()).isEqualTo(5);
		assertThat(settings.resend()).isEqualTo(new PushChannelSettings.Resend(Duration.ofSeconds(30), 2));
		assertThat(settings.deviceJwt().authenticateMaxLifetime()).isEqualTo(Duration.ofSeconds(600));
		assertThat(settings.deviceJwt().maxLifetime()).isEqualTo(Duration.ofSeconds(300));
		assertThat(settings.deviceJwt().clockSkew()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.outbox().maxAttempts()).isEqualTo(5);
		assertThat(settings.sweep().endedRetention()).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void constructorWhenTenantHasSlashThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PushChannelSettings.defaults("a/b", "https://h"))
			.withMessage("tenant must be 1 to 64 letters, digits, '.', '_' or '-'");
	}

	@Test
	void constructorWhenBaseUrlNotHttpThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> PushChannelSettings.defaults("bank", "ftp://h"))
			.withMessage("publicBaseUrl must be an absolute http(s) URL");
	}

	@Test
	void registrationWhenZeroLifetimeThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PushChannelSettings.Registration(Duration.ZERO, 3, 5))
			.withMessage("registration.lifetime must be positive");
	}

	@Test
	void registrationWhenZeroDevicesPerCustomerThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PushChannelSettings.Registration(Duration.ofMinutes(3), 3, 0))
			.withMessage("registration.maxDevicesPerCustomer must be at least 1");
	}

	@Test
	void resendWhenZeroCountOrZeroDelayThenDisabled() {
		assertThat(PushChannelSettings.Resend.defaults().enabled()).isTrue();
		assertThat(new PushChannelSettings.Resend(Duration.ofSeconds(30), 0).enabled()).isFalse();
		assertThat(new PushChannelSettings.Resend(Duration.ZERO, 2).enabled()).isFalse();
	}

	@Test
	void resendWhenNegativeThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PushChannelSettings.Resend(Duration.ofSeconds(-1), 2))
			.withMessage("resend.after must not be negative");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PushChannelSettings.Resend(Duration.ofSeconds(30), -1))
			.withMessage("resend.maxCount must not be negative");
	}

}
