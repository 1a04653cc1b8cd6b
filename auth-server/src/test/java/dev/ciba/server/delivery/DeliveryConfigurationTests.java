package dev.ciba.server.delivery;

import java.time.Duration;

import dev.ciba.server.config.CibaProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class DeliveryConfigurationTests {

	@Test
	void validateWhenDefaultsThenAccepted() {
		assertThatNoException().isThrownBy(() -> DeliveryConfiguration.validate(new CibaProperties.Delivery()));
	}

	@Test
	void validateWhenLeaseIsNotLongerThanOneAttemptThenStartUpStops() {
		CibaProperties.Delivery delivery = new CibaProperties.Delivery();
		delivery.setClaimLease(Duration.ofSeconds(7));

		assertThatIllegalStateException().isThrownBy(() -> DeliveryConfiguration.validate(delivery))
			.withMessage("ciba.delivery.claim-lease must be longer than connect-timeout and read-timeout together");
	}

	@Test
	void validateWhenNoUndeliveredNotificationsAllowedThenStartUpStops() {
		CibaProperties.Delivery delivery = new CibaProperties.Delivery();
		delivery.setMaxUndeliveredPerClient(0);

		assertThatIllegalStateException().isThrownBy(() -> DeliveryConfiguration.validate(delivery))
			.withMessage("ciba.delivery.max-undelivered-per-client must be at least 1");
	}

	@Test
	void validateWhenNoThreadsThenStartUpStops() {
		CibaProperties.Delivery delivery = new CibaProperties.Delivery();
		delivery.setThreads(0);

		assertThatIllegalStateException().isThrownBy(() -> DeliveryConfiguration.validate(delivery))
			.withMessage("ciba.delivery.threads, batch-size and max-attempts must each be at least 1");
	}

}
