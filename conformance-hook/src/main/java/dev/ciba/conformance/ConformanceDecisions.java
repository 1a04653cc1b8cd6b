package dev.ciba.conformance;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.api.PushDecision;
import dev.ciba.push.api.PushDecisionListener;
import dev.ciba.push.auth.PushAuthRecord;
import dev.ciba.push.auth.PushAuthRepository;
import dev.ciba.push.auth.PushAuthStatus;
import dev.ciba.push.outbox.PushOutbox;
import dev.ciba.server.ciba.AuthReqId;
import dev.ciba.server.ciba.CibaRequestRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides a backchannel authentication request the way a phone's answer does, minus the
 * device: in one transaction, the conditional update of the push authentication to
 * {@code APPROVED} or {@code DENIED}, the cancellation of its pending pushes, and the
 * server's {@link PushDecisionListener}, which moves the CIBA request on and queues the
 * client's ping or push. If the listener says the request had already ended, everything
 * is rolled back.
 */
public class ConformanceDecisions {

	/**
	 * What the decision is recorded as having come from, in place of a device id (in the
	 * push authentication's answering device and the server's audit), so that a hook
	 * decision is never mistaken for a phone's.
	 */
	static final String DECIDED_BY = "conformance-hook";

	private static final Logger logger = LoggerFactory.getLogger(ConformanceDecisions.class);

	private final CibaRequestRepository requests;

	private final PushAuthRepository pushAuths;

	private final PushOutbox outbox;

	private final PushDecisionListener listener;

	private final CustomerDirectory customers;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public ConformanceDecisions(CibaRequestRepository requests, PushAuthRepository pushAuths, PushOutbox outbox,
			PushDecisionListener listener, CustomerDirectory customers, PlatformTransactionManager transactionManager,
			Clock clock) {
		this.requests = requests;
		this.pushAuths = pushAuths;
		this.outbox = outbox;
		this.listener = listener;
		this.customers = customers;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
	}

	/**
	 * Approves or denies the request with this {@code auth_req_id}.
	 * @param authReqId the {@code auth_req_id} as the client received it
	 * @param approve {@code true} to approve, {@code false} to deny
	 * @return what happened
	 */
	public Outcome decide(String authReqId, boolean approve) {
		Optional<PushAuthRecord> pushAuth = this.requests.findPushAuthId(new AuthReqId(authReqId))
			.flatMap(this.pushAuths::findById);
		if (pushAuth.isEmpty()) {
			return Outcome.UNKNOWN;
		}
		// As for a phone: a disabled customer decides nothing.
		if (!this.customers.findById(pushAuth.get().customerId()).map(CustomerRef::enabled).orElse(false)) {
			return Outcome.CUSTOMER_DISABLED;
		}
		Outcome outcome = record(pushAuth.get(), approve, this.clock.instant());
		logger.debug("The conformance hook decided a request: {}", outcome);
		return outcome;
	}

	private Outcome record(PushAuthRecord pushAuth, boolean approve, Instant now) {
		PushDecision decision = new PushDecision(pushAuth.id(), pushAuth.customerId(), DECIDED_BY, approve, now);
		PushAuthStatus status = approve ? PushAuthStatus.APPROVED : PushAuthStatus.DENIED;
		Boolean taken = this.transactions.execute((transaction) -> {
			if (!this.pushAuths.decide(pushAuth.id(), status, DECIDED_BY, now)) {
				return false;
			}
			this.outbox.cancelAll(pushAuth.id());
			if (!this.listener.onDecision(decision)) {
				transaction.setRollbackOnly();
				return false;
			}
			return true;
		});
		if (!Boolean.TRUE.equals(taken)) {
			return Outcome.NOT_PENDING;
		}
		return approve ? Outcome.APPROVED : Outcome.DENIED;
	}

	/**
	 * The result of a decision.
	 */
	public enum Outcome {

		/** The request was pending and is now approved. */
		APPROVED,

		/** The request was pending and is now denied. */
		DENIED,

		/** No request has this {@code auth_req_id}. */
		UNKNOWN,

		/** The request was already answered, redeemed or expired; nothing changed. */
		NOT_PENDING,

		/** The request's customer is disabled; nothing changed. */
		CUSTOMER_DISABLED

	}

}
