package dev.ciba.server.ciba;

import java.util.Optional;

import dev.ciba.push.api.PushDecision;
import dev.ciba.push.api.PushDecisionListener;
import dev.ciba.server.activity.CustomerActivityRepository;
import dev.ciba.server.delivery.ClientNotifications;

import org.springframework.stereotype.Component;

/**
 * Turns a phone's verified answer into the state of the CIBA request it belongs to, and
 * queues the ping or push of a client that is not polling. Runs in the transaction in
 * which the push module takes the answer.
 */
@Component
class CibaDecisions implements PushDecisionListener {

	private final CibaRequestRepository requests;

	private final CibaAudit audit;

	private final ClientNotifications notifications;

	private final CustomerActivityRepository activity;

	CibaDecisions(CibaRequestRepository requests, CibaAudit audit, ClientNotifications notifications,
			CustomerActivityRepository activity) {
		this.requests = requests;
		this.activity = activity;
		this.audit = audit;
		this.notifications = notifications;
	}

	@Override
	public boolean onDecision(PushDecision decision) {
		Optional<String> decided = this.requests.decide(decision.pushAuthId(), decision.approved(),
				decision.decidedAt());
		decided.ifPresent((requestId) -> {
			this.audit.record(decision.approved() ? CibaAudit.Event.APPROVED : CibaAudit.Event.DENIED, requestId, "-",
					"device:" + decision.deviceId());
			this.notifications.decided(requestId, decision.approved(), decision.decidedAt());
			this.activity.answered(requestId, decision.approved(), decision.deviceId(), decision.decidedAt());
		});
		return decided.isPresent();
	}

}
