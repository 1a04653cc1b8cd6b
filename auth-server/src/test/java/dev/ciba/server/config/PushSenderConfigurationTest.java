package dev.ciba.server.config;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Date;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseOptions;
import dev.ciba.push.fcm.FcmPushSender;
import dev.ciba.push.outbox.LogPushSender;
import dev.ciba.push.outbox.PushSender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Choosing the push sender from {@code ciba.push.*}.
 */
class PushSenderConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class, ApplicationConfiguration.class);

	@TempDir
	Path directory;

	@Test
	void pushSenderWhenProviderLogThenLogSender() {
		this.runner.withPropertyValues("ciba.push.provider=log")
			.run((context) -> assertThat(context.getBean(PushSender.class)).isInstanceOf(LogPushSender.class));
	}

	@Test
	void pushSenderWhenServiceAccountFileMissingThenStartUpFailsNamingProperty() {
		Path missing = this.directory.resolve("missing.json");
		this.runner.withPropertyValues("ciba.push.provider=fcm", "ciba.push.fcm.service-account-file=" + missing)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasRootCauseInstanceOf(NoSuchFileException.class)
				.hasStackTraceContaining(
						"ciba.push.fcm.service-account-file '" + missing + "' cannot be read (NoSuchFileException)"));
	}

	@Test
	void pushSenderWhenServiceAccountFileUnsetThenStartUpFailsNamingProperty() {
		this.runner.withPropertyValues("ciba.push.provider=fcm")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("ciba.push.fcm.service-account-file must be set when ciba.push.provider is 'fcm'"));
	}

	@Test
	void firebaseOptionsWhenFileIsNotServiceAccountThenFailsWithoutQuotingIt() throws Exception {
		Path file = Files.writeString(this.directory.resolve("bad.json"), "{\"private_key\":\"secret-part\"");
		CibaProperties.Fcm fcm = new CibaProperties.Fcm();
		fcm.setServiceAccountFile(file.toString());

		assertThatIllegalStateException().isThrownBy(() -> ApplicationConfiguration.firebaseOptions(fcm))
			.withMessage(
					"ciba.push.fcm.service-account-file '" + file + "' is not a valid Google service-account JSON file")
			.withNoCause();
	}

	@Test
	void firebaseOptionsWhenValidFileThenProjectFromFileUnlessSet() throws Exception {
		Path file = Files.writeString(this.directory.resolve("sa.json"), serviceAccountJson("file-project"));
		CibaProperties.Fcm fcm = new CibaProperties.Fcm();
		fcm.setServiceAccountFile(file.toString());

		assertThat(ApplicationConfiguration.firebaseOptions(fcm).getProjectId()).isEqualTo("file-project");
		fcm.setProjectId("configured-project");
		assertThat(ApplicationConfiguration.firebaseOptions(fcm).getProjectId()).isEqualTo("configured-project");
	}

	@Test
	void pushSenderWhenFcmWithOptionsBeanThenFcmSender() {
		this.runner.withPropertyValues("ciba.push.provider=fcm")
			.withBean(FirebaseOptionsFactory.class, () -> () -> FirebaseOptions.builder()
				.setCredentials(GoogleCredentials.create(new AccessToken("test-token", new Date(Long.MAX_VALUE / 2))))
				.setProjectId("ciba-test")
				.build())
			.run((context) -> assertThat(context.getBean(PushSender.class)).isInstanceOf(FcmPushSender.class));
	}

	@Test
	void pushSenderWhenProviderUnknownThenStartUpFails() {
		this.runner.withPropertyValues("ciba.push.provider=apns")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("ciba.push.provider 'apns' is not supported; use 'log' or 'fcm'"));
	}

	private static String serviceAccountJson(String projectId) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		String key = "-----BEGIN PRIVATE KEY-----\\n"
				+ Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
				+ "\\n-----END PRIVATE KEY-----\\n";
		return """
				{"type":"service_account","project_id":"%s","private_key_id":"k1","private_key":"%s",
				 "client_email":"push@%s.iam.gserviceaccount.com","client_id":"1"}
				""".formatted(projectId, key, projectId);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CibaProperties.class)
	static class PropertiesConfiguration {

	}

}
