package dev.ciba.server.config;

import dev.ciba.push.audit.DeviceAuditSettings;
import dev.ciba.push.limits.DeviceLimits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The abuse limits and the audit settings handed to the push module, from
 * {@code ciba.limits.*} and {@code ciba.audit.*}; a setting that makes no sense stops
 * start-up.
 */
@Configuration(proxyBeanMethods = false)
class LimitsConfiguration {

	@Bean
	DeviceLimits deviceLimits(CibaProperties properties) {
		CibaProperties.Limits limits = properties.getLimits();
		return new DeviceLimits(
				limits.getRegistrations().rateLimit(DeviceLimits.REGISTRATION_BUCKET, "ciba.limits.registrations"),
				limits.getBadSignatures().rateLimit(DeviceLimits.BAD_SIGNATURE_BUCKET, "ciba.limits.bad-signatures"));
	}

	@Bean
	DeviceAuditSettings deviceAuditSettings(CibaProperties properties) {
		try {
			return new DeviceAuditSettings(properties.getAudit().getRetention());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("ciba.audit.retention must be a positive duration");
		}
	}

}
