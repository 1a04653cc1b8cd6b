package dev.ciba.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.fcm.FcmPushSender;
import dev.ciba.push.outbox.LogPushSender;
import dev.ciba.push.outbox.PushSender;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The clock every component reads time from, the push sender and the settings handed to
 * the push module.
 */
@Configuration(proxyBeanMethods = false)
class ApplicationConfiguration {

	static final String SERVICE_ACCOUNT_FILE = "ciba.push.fcm.service-account-file";

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * The sender named by {@code ciba.push.provider}; an unknown name stops start-up
	 * rather than silently sending nothing. For {@code fcm} a
	 * {@link FirebaseOptionsFactory} bean, when one exists (tests point it at a stub),
	 * replaces the service-account file.
	 */
	@Bean
	PushSender pushSender(CibaProperties properties, Clock clock,
			ObjectProvider<FirebaseOptionsFactory> firebaseOptions) {
		String provider = properties.getPush().getProvider();
		if ("log".equals(provider)) {
			return new LogPushSender();
		}
		if ("fcm".equals(provider)) {
			FirebaseOptionsFactory factory = firebaseOptions
				.getIfAvailable(() -> () -> firebaseOptions(properties.getPush().getFcm()));
			FirebaseOptions options = factory.create();
			FirebaseApp app = FirebaseApp.initializeApp(options, "ciba-fcm-" + UUID.randomUUID());
			return new FcmPushSender(app, clock);
		}
		throw new IllegalStateException("ciba.push.provider '" + provider + "' is not supported; use 'log' or 'fcm'");
	}

	static FirebaseOptions firebaseOptions(CibaProperties.Fcm fcm) {
		if (!StringUtils.hasText(fcm.getServiceAccountFile())) {
			throw new IllegalStateException(SERVICE_ACCOUNT_FILE + " must be set when ciba.push.provider is 'fcm'");
		}
		ServiceAccountCredentials credentials = serviceAccount(Path.of(fcm.getServiceAccountFile()));
		String projectId = StringUtils.hasText(fcm.getProjectId()) ? fcm.getProjectId() : credentials.getProjectId();
		if (!StringUtils.hasText(projectId)) {
			throw new IllegalStateException(
					"ciba.push.fcm.project-id must be set: the file in " + SERVICE_ACCOUNT_FILE + " names no project");
		}
		return FirebaseOptions.builder().setCredentials(credentials).setProjectId(projectId).build();
	}

	private static ServiceAccountCredentials serviceAccount(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			return ServiceAccountCredentials.fromStream(in);
		}
		catch (FileSystemException ex) {
			throw new IllegalStateException(
					SERVICE_ACCOUNT_FILE + " '" + file + "' cannot be read (" + ex.getClass().getSimpleName() + ")",
					ex);
		}
		catch (IOException | RuntimeException ex) {
			// The parser's message is left out: it may quote part of the file, which
			// holds a
			// private key.
			throw new IllegalStateException(
					SERVICE_ACCOUNT_FILE + " '" + file + "' is not a valid Google service-account JSON file");
		}
	}

	@Bean
	PushChannelSettings pushChannelSettings(CibaProperties properties) {
		PushChannelSettings defaults = PushChannelSettings.defaults(properties.getTenant(),
				properties.effectivePublicBaseUrl());
		CibaProperties.Push push = properties.getPush();
		CibaProperties.Wso2V1 wso2V1 = push.getWso2V1();
		CibaProperties.PushOutbox outbox = push.getOutbox();
		return defaults
			.withOutbox(new PushChannelSettings.Outbox(outbox.getPollDelay(), outbox.getBatchSize(),
					outbox.getMaxAttempts(), outbox.getRetryDelay(), outbox.getMaxRetryDelay(), outbox.getClaimLease()))
			.withRegistration(defaults.registration()
				.withMaxDevicesPerCustomer(push.getRegistration().getMaxDevicesPerCustomer()))
			.withResend(new PushChannelSettings.Resend(push.getResend().getAfter(), push.getResend().getMaxCount()))
			.withWso2V1(new PushChannelSettings.Wso2V1(wso2V1.isEnabled(), wso2V1.getMaxTokenLifetime()));
	}

}
