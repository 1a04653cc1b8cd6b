package dev.ciba.conformance;

import java.time.Clock;

import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.PushDecisionListener;
import dev.ciba.push.auth.PushAuthRepository;
import dev.ciba.push.outbox.PushOutbox;
import dev.ciba.server.ciba.CibaRequestRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Switches the approval hook on, and only when both the {@code conformance} profile is
 * active and {@code ciba.conformance.hook-enabled} is {@code true}; even then the module
 * must have been put on the server's class path on purpose. The hook lets anyone who can
 * reach the server approve any request, so its start-up is logged as a warning.
 * <p>
 * The hook needs no security chain of its own: the server's last chain permits every path
 * the others do not claim, without CSRF protection.
 */
@AutoConfiguration
@Profile(ConformanceHookAutoConfiguration.PROFILE)
@ConditionalOnProperty(name = ConformanceHookAutoConfiguration.ENABLED_PROPERTY, havingValue = "true")
public class ConformanceHookAutoConfiguration {

	/** The profile the hook needs. */
	public static final String PROFILE = "conformance";

	/** The property that must be {@code true}. */
	public static final String ENABLED_PROPERTY = "ciba.conformance.hook-enabled";

	private static final Logger logger = LoggerFactory.getLogger(ConformanceHookAutoConfiguration.class);

	@Bean
	ConformanceDecisions conformanceDecisions(CibaRequestRepository requests, PushAuthRepository pushAuths,
			PushOutbox outbox, PushDecisionListener listener, CustomerDirectory customers,
			PlatformTransactionManager transactionManager, Clock clock) {
		logger.warn(
				"The conformance approval hook is ON: POST {} approves or denies any backchannel "
						+ "authentication request without the customer. Never run this outside a test.",
				ConformanceDecisionHandler.PATH);
		return new ConformanceDecisions(requests, pushAuths, outbox, listener, customers, transactionManager, clock);
	}

	@Bean
	RouterFunction<ServerResponse> conformanceDecisionRoute(ConformanceDecisions decisions) {
		return new ConformanceDecisionHandler(decisions).route();
	}

}
