package dev.ciba.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

import dev.ciba.conformance.crash.CrashPauseAutoConfiguration;
import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.PushDecisionListener;
import dev.ciba.push.auth.PushAuthRepository;
import dev.ciba.push.outbox.PushOutbox;
import dev.ciba.server.ciba.CibaRequestRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
class ConformanceHookAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConformanceHookAutoConfiguration.class))
		.withBean(CibaRequestRepository.class, () -> mock(CibaRequestRepository.class))
		.withBean(PushAuthRepository.class, () -> mock(PushAuthRepository.class))
		.withBean(PushOutbox.class, () -> mock(PushOutbox.class))
		.withBean(PushDecisionListener.class, () -> mock(PushDecisionListener.class))
		.withBean(CustomerDirectory.class, () -> mock(CustomerDirectory.class))
		.withBean(PlatformTransactionManager.class, RecordingTransactionManager::new)
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void hookWhenProfileActiveAndPropertyTrueThenRouteExistsAndStartUpWarns(CapturedOutput output) {
		this.runner.withInitializer((context) -> context.getEnvironment().setActiveProfiles("demo", "conformance"))
			.withPropertyValues("ciba.conformance.hook-enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(ConformanceDecisions.class);
				assertThat(context).hasSingleBean(RouterFunction.class);
			});
		assertThat(output).contains("WARN")
			.contains("The conformance approval hook is ON: POST /conformance/decide approves or denies any "
					+ "backchannel authentication request without the customer. Never run this outside a test.");
	}

	@Test
	void hookWhenPropertyTrueWithoutProfileThenAbsent(CapturedOutput output) {
		this.runner.withInitializer((context) -> context.getEnvironment().setActiveProfiles("demo"))
			.withPropertyValues("ciba.conformance.hook-enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ConformanceDecisions.class);
				assertThat(context).doesNotHaveBean(RouterFunction.class);
			});
		assertThat(output).doesNotContain("conformance approval hook");
	}

	@Test
	void hookWhenProfileActiveWithoutPropertyThenAbsent() {
		this.runner.withInitializer((context) -> context.getEnvironment().setActiveProfiles("conformance"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ConformanceDecisions.class);
				assertThat(context).doesNotHaveBean(RouterFunction.class);
			});
	}

	@Test
	void hookWhenProfileActiveAndPropertyFalseThenAbsent() {
		this.runner.withInitializer((context) -> context.getEnvironment().setActiveProfiles("conformance"))
			.withPropertyValues("ciba.conformance.hook-enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RouterFunction.class));
	}

	/**
	 * The server scans all of {@code dev.ciba} for components. Even with the conditions
	 * of the hook and of the crash pauses met, only the auto-configurations may be found
	 * there, and Spring Boot leaves them to the auto-configuration import (with their
	 * conditions) because they are listed there.
	 */
	@Test
	void componentScanWhenServerScansDevCibaThenFindsOnlyTheListedAutoConfiguration() throws IOException {
		MockEnvironment environment = new MockEnvironment().withProperty("ciba.conformance.hook-enabled", "true")
			.withProperty(CrashPauseAutoConfiguration.DIRECTORY_PROPERTY, "target");
		environment.setActiveProfiles("conformance");
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true,
				environment);

		Set<BeanDefinition> found = scanner.findCandidateComponents("dev.ciba.conformance");

		assertThat(found).extracting(BeanDefinition::getBeanClassName)
			.containsExactlyInAnyOrder(ConformanceHookAutoConfiguration.class.getName(),
					CrashPauseAutoConfiguration.class.getName());
		assertThat(autoConfigurationImports().lines()).containsExactly(ConformanceHookAutoConfiguration.class.getName(),
				CrashPauseAutoConfiguration.class.getName());
	}

	private static String autoConfigurationImports() throws IOException {
		try (InputStream imports = ConformanceHookAutoConfigurationTests.class
			.getResourceAsStream("/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
			assertThat(imports).isNotNull();
			return new String(imports.readAllBytes(), StandardCharsets.UTF_8).strip();
		}
	}

}
