package dev.ciba.server.delivery;

import javax.net.ssl.SSLSocketFactory;

import dev.ciba.server.config.CibaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The address guard and the HTTP sender of client notifications, from
 * {@code ciba.delivery.*}.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DeliveryConfiguration.class);

	@Bean
	NotificationEndpointGuard notificationEndpointGuard(CibaProperties properties) {
		validate(properties.getDelivery());
		boolean insecure = properties.getDelivery().isAllowInsecureEndpoints();
		if (insecure) {
			logger.warn("ciba.delivery.allow-insecure-endpoints is on: client notification endpoints may use http "
					+ "and private or loopback addresses. Never use this setting outside local development.");
		}
		return new NotificationEndpointGuard(insecure, HostResolver.SYSTEM);
	}

	// A lease shorter than one attempt could let a second node send the same attempt.
	static void validate(CibaProperties.Delivery delivery) {
		if (delivery.getThreads() < 1 || delivery.getBatchSize() < 1 || delivery.getMaxAttempts() < 1) {
			throw new IllegalStateException(
					"ciba.delivery.threads, batch-size and max-attempts must each be at least 1");
		}
		if (delivery.getMaxUndeliveredPerClient() < 1) {
			throw new IllegalStateException("ciba.delivery.max-undelivered-per-client must be at least 1");
		}
		if (delivery.getConnectTimeout().isNegative() || delivery.getConnectTimeout().isZero()
				|| delivery.getReadTimeout().isNegative() || delivery.getReadTimeout().isZero()) {
			throw new IllegalStateException("ciba.delivery.connect-timeout and read-timeout must be positive");
		}
		if (delivery.getClaimLease().compareTo(delivery.getConnectTimeout().plus(delivery.getReadTimeout())) <= 0) {
			throw new IllegalStateException(
					"ciba.delivery.claim-lease must be longer than connect-timeout and read-timeout together");
		}
		if (delivery.getRetryDelay().isNegative() || delivery.getRetryDelay().isZero()) {
			throw new IllegalStateException("ciba.delivery.retry-delay must be positive");
		}
	}

	@Bean
	NotificationHttpSender notificationHttpSender(CibaProperties properties) {
		CibaProperties.Delivery delivery = properties.getDelivery();
		return new NotificationHttpSender(delivery.getConnectTimeout(), delivery.getReadTimeout(),
				(SSLSocketFactory) SSLSocketFactory.getDefault());
	}

}
