package dev.ciba.push;

import dev.ciba.push.outbox.PushDispatcher;
import dev.ciba.push.resend.PushResender;
import dev.ciba.push.sweep.PushSweeper;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The periodic work of the push module: the outbox poll, the resend of pushes of
 * unanswered requests (checked as often as the outbox is polled) and the sweep, at the
 * delays of {@link PushChannelSettings} (registered here rather than with
 * {@code @Scheduled}, whose delays would have to come from properties).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class PushScheduling implements SchedulingConfigurer {

	private final PushDispatcher dispatcher;

	private final PushSweeper sweeper;

	private final PushResender resender;

	private final PushChannelSettings settings;

	public PushScheduling(PushDispatcher dispatcher, PushSweeper sweeper, PushResender resender,
			PushChannelSettings settings) {
		this.dispatcher = dispatcher;
		this.sweeper = sweeper;
		this.resender = resender;
		this.settings = settings;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		registrar.addFixedDelayTask(this.dispatcher::dispatchDueLogged, this.settings.outbox().pollDelay());
		registrar.addFixedDelayTask(this.sweeper::sweepLogged, this.settings.sweep().delay());
		if (this.settings.resend().enabled()) {
			registrar.addFixedDelayTask(this.resender::resendDueLogged, this.settings.outbox().pollDelay());
		}
	}

}
