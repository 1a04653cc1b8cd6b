package dev.ciba.conformance.crash;

import java.util.List;

import dev.ciba.push.outbox.PushOutbox;
import dev.ciba.server.delivery.ClientNotificationOutbox;
import dev.ciba.server.delivery.NotificationHttpSender;
import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.NameMatchMethodPointcutAdvisor;

/**
 * Pauses around the outboxes, added to their beans by proxies: while its
 * {@code pause-claims} marker exists, a node claims no rows from either outbox (the
 * pushes to phones, the pings and pushes to clients), so that a test can make sure that
 * another node holds the work it is about to kill; and while {@code pause-delivery}
 * exists, a ping or push to a client waits after its row was claimed (and, for a push,
 * after its tokens were issued and stored) and before it is sent.
 */
final class OutboxPauses {

	private final MarkerPause claims;

	private final MarkerPause delivery;

	OutboxPauses(MarkerPause claims, MarkerPause delivery) {
		this.claims = claims;
		this.delivery = delivery;
	}

	/**
	 * The bean with the pause that fits it, or the bean itself.
	 */
	Object apply(Object bean) {
		if (bean instanceof ClientNotificationOutbox || bean instanceof PushOutbox) {
			return advised(bean, "claimDue", (invocation) -> this.claims.isOn() ? List.of() : invocation.proceed());
		}
		if (bean instanceof NotificationHttpSender) {
			return advised(bean, "post", (invocation) -> {
				this.delivery.awaitIfPaused();
				return invocation.proceed();
			});
		}
		return bean;
	}

	private static Object advised(Object bean, String method, MethodInterceptor interceptor) {
		NameMatchMethodPointcutAdvisor advisor = new NameMatchMethodPointcutAdvisor(interceptor);
		advisor.setMappedName(method);
		if (bean instanceof Advised advised && !advised.isFrozen()) {
			advised.addAdvisor(0, advisor);
			return bean;
		}
		ProxyFactory proxy = new ProxyFactory(bean);
		proxy.setProxyTargetClass(true);
		proxy.addAdvisor(advisor);
		return proxy.getProxy(bean.getClass().getClassLoader());
	}

}
