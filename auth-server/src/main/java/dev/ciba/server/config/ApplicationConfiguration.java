package dev.ciba.server.config;

import java.time.Clock;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.outbox.LogPushSender;
import dev.ciba.push.outbox.PushSender;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock every component reads time from, and the settings handed to the push module.
 */
@Configuration(proxyBeanMethods = false)
class ApplicationConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	// Only the log sender exists so far; the FCM sender (firebase-admin) is still to be
	// built, so any other
	// provider name stops start-up rather than silently sending nothing.
	@Bean
	PushSender pushSender(CibaProperties properties) {
		String provider = properties.getPush().getProvider();
		if (!"log".equals(provider)) {
			throw new IllegalStateException("ciba.push.provider '" + provider + "' is not supported; use 'log'");
		}
		return new LogPushSender();
	}

	@Bean
	PushChannelSettings pushChannelSettings(CibaProperties properties) {
		return PushChannelSettings.defaults(properties.getTenant(), properties.effectivePublicBaseUrl());
	}

}
