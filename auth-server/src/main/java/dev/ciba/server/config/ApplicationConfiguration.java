package dev.ciba.server.config;

import java.time.Clock;

import dev.ciba.push.PushChannelSettings;

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

	@Bean
	PushChannelSettings pushChannelSettings(CibaProperties properties) {
		return PushChannelSettings.defaults(properties.getTenant(), properties.effectivePublicBaseUrl());
	}

}
