package dev.ciba.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import dev.ciba.push.api.DeviceDirectory;
import dev.ciba.push.api.DeviceRegistrations;
import dev.ciba.push.api.PushAuthStart;
import dev.ciba.push.api.PushAuthentications;
import dev.ciba.push.api.PushDecisionListener;
import dev.ciba.push.audit.DeviceAuditSettings;
import dev.ciba.push.limits.DeviceLimits;
import dev.ciba.push.registration.DeviceRegistrationService;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The module as the server gets it: component scan of {@code dev.ciba}, with the beans
 * the server provides.
 */
class PushModuleContextTest {

	@Test
	void contextWhenServerBeansPresentThenModuleWiredAndScheduled() {
		try (TestDatabase database = TestDatabase.h2();
				AnnotationConfigApplicationContext context = context(database)) {

			assertThat(context.getBean(PushAuthentications.class).getClass().getSimpleName())
				.isEqualTo("JdbcPushAuthentications");
			assertThat(context.getBean(DeviceRegistrations.class)).isNotNull();
			assertThat(context.getBean(DeviceDirectory.class)).isNotNull();
			assertThat(context.getBean(ScheduledTaskHolder.class).getScheduledTasks()).hasSize(3);
		}
	}

	@Test
	void startWhenCommittedThenPushSentOnTheDispatchThread() {
		try (TestDatabase database = TestDatabase.h2();
				AnnotationConfigApplicationContext context = context(database)) {
			TestCustomers customers = context.getBean(TestCustomers.class);
			customers.add("cust-alice", "alice", true);
			DeviceRegistrationService registration = context.getBean(DeviceRegistrationService.class);
			registration.register(PushModuleFixture.registrationRequest(
					context.getBean(DeviceRegistrations.class).open("cust-alice"), TestKeys.EC_P256, "fcm-1"));
			Instant now = Instant.now();

			new TransactionTemplate(context.getBean(PlatformTransactionManager.class))
				.executeWithoutResult((status) -> context.getBean(PushAuthentications.class)
					.start(new PushAuthStart("cust-alice", "Payments Ltd", null, "openid", null, now,
							now.plusSeconds(300))));

			RecordingPushSender sender = context.getBean(RecordingPushSender.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> sender.messages().size() == 1);
			assertThat(sender.messages().get(0).pushToken()).isEqualTo("fcm-1");
		}
	}

	private static AnnotationConfigApplicationContext context(TestDatabase database) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(DataSource.class, database::dataSource);
		context.register(ServerBeans.class);
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	@ComponentScan(basePackages = "dev.ciba.push",
			excludeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = ServerBeans.class))
	static class ServerBeans {

		@Bean
		JdbcClient jdbcClient(DataSource dataSource) {
			return JdbcClient.create(dataSource);
		}

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

		@Bean
		PushChannelSettings pushChannelSettings() {
			return PushChannelSettings.defaults("bank", "https://ciba.example");
		}

		@Bean
		DeviceLimits deviceLimits() {
			return DeviceLimits.defaults();
		}

		@Bean
		DeviceAuditSettings deviceAuditSettings() {
			return DeviceAuditSettings.defaults();
		}

		@Bean
		TestCustomers customers(JdbcClient jdbc) {
			return new TestCustomers(jdbc);
		}

		@Bean
		PushDecisionListener decisionListener() {
			return new RecordingDecisionListener();
		}

		@Bean
		RecordingPushSender pushSender() {
			return new RecordingPushSender();
		}

	}

}
