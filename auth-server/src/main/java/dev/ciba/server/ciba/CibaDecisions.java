package dev.ciba.server.ciba;

import java.util.Optional;

import dev.ciba.push.api.PushDecision;
import dev.ciba.push.api.PushDecisionListener;

import org.springframework.stereotype.Component;

/**
 * Turns a phone's verified answer into the state of the CIBA request it belongs to.
 */
@Component
class CibaDecisions implements PushDecisionListener {

	private final CibaRequestRepository requests;

	private final CibaAudit audit;

	CibaDecisions(CibaRequestRepository requests, CibaAudit audit) {
		this.requests = requests;
		this.audit = audit;
	}

	@Override
	public boolean onDecision(PushDecision decision) {
		Optional<String> decided = this.requests.decide(decision.pushAuthId(), decision.approved(),
				decision.decidedAt());
		decided.ifPresent((requestId) -> this.audit.record(
				decision.approved() ? CibaAudit.Event.APPROVED : CibaAudit.Event.DENIED, requestId, "-",
				"device:" + decision.deviceId()));
		return decided.isPresent();
	}

}
