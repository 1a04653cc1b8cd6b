package dev.ciba.conformance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.ciba.conformance.ConformanceDecisions.Outcome;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

class ConformanceDecisionsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private static final String AUTH_REQ_ID = "hV3oVJ0p2w4mT5yq1xZk9bC7dE8fG6hI5jK4lM3nO2p";

	private static final String PUSH_AUTH_ID = "push-auth-1";

	private static final String CUSTOMER_ID = "customer-1";

	private final CibaRequestRepository requests = mock(CibaRequestRepository.class);

	private final PushAuthRepository pushAuths = mock(PushAuthRepository.class);

	private final PushOutbox outbox = mock(PushOutbox.class);

	private final PushDecisionListener listener = mock(PushDecisionListener.class);

	private final CustomerDirectory customers = mock(CustomerDirectory.class);

	private final RecordingTransactionManager transactions = new RecordingTransactionManager();

	private final ConformanceDecisions decisions = new ConformanceDecisions(this.requests, this.pushAuths, this.outbox,
			this.listener, this.customers, this.transactions, Clock.fixed(NOW, ZoneOffset.UTC));

	@BeforeEach
	void pendingRequestOfEnabledCustomer() {
		given(this.requests.findPushAuthId(new AuthReqId(AUTH_REQ_ID))).willReturn(Optional.of(PUSH_AUTH_ID));
		given(this.pushAuths.findById(PUSH_AUTH_ID)).willReturn(Optional.of(pushAuth()));
		given(this.customers.findById(CUSTOMER_ID))
			.willReturn(Optional.of(new CustomerRef(CUSTOMER_ID, "alice", true)));
		given(this.pushAuths.decide(anyString(), any(), anyString(), any())).willReturn(true);
		given(this.listener.onDecision(any())).willReturn(true);
	}

	@Test
	void decideWhenApprovedThenRecordsThePhoneDecisionAndTellsTheServerInOneTransaction() {
		Outcome outcome = this.decisions.decide(AUTH_REQ_ID, true);

		assertThat(outcome).isEqualTo(Outcome.APPROVED);
		verify(this.pushAuths).decide(PUSH_AUTH_ID, PushAuthStatus.APPROVED, "conformance-hook", NOW);
		verify(this.outbox).cancelAll(PUSH_AUTH_ID);
		verify(this.listener).onDecision(new PushDecision(PUSH_AUTH_ID, CUSTOMER_ID, "conformance-hook", true, NOW));
		assertThat(this.transactions.outcome()).isEqualTo("committed");
	}

	@Test
	void decideWhenDeniedThenRecordsADenial() {
		Outcome outcome = this.decisions.decide(AUTH_REQ_ID, false);

		assertThat(outcome).isEqualTo(Outcome.DENIED);
		verify(this.pushAuths).decide(PUSH_AUTH_ID, PushAuthStatus.DENIED, "conformance-hook", NOW);
		verify(this.listener).onDecision(new PushDecision(PUSH_AUTH_ID, CUSTOMER_ID, "conformance-hook", false, NOW));
		assertThat(this.transactions.outcome()).isEqualTo("committed");
	}

	@Test
	void decideWhenNoRequestHasTheIdThenUnknownAndNothingChanges() {
		Outcome outcome = this.decisions.decide("not-an-issued-auth-req-id", true);

		assertThat(outcome).isEqualTo(Outcome.UNKNOWN);
		verify(this.pushAuths, never()).decide(anyString(), any(), anyString(), any());
		verifyNoInteractions(this.listener, this.outbox);
		assertThat(this.transactions.outcome()).isEqualTo("none");
	}

	@Test
	void decideWhenPushAuthenticationIsNoLongerPendingThenNotPendingAndServerIsNotAsked() {
		given(this.pushAuths.decide(anyString(), any(), anyString(), any())).willReturn(false);

		Outcome outcome = this.decisions.decide(AUTH_REQ_ID, true);

		assertThat(outcome).isEqualTo(Outcome.NOT_PENDING);
		verifyNoInteractions(this.listener, this.outbox);
		assertThat(this.transactions.outcome()).isEqualTo("committed");
	}

	@Test
	void decideWhenServerSaysTheRequestEndedThenNotPendingAndRolledBack() {
		given(this.listener.onDecision(any())).willReturn(false);

		Outcome outcome = this.decisions.decide(AUTH_REQ_ID, true);

		assertThat(outcome).isEqualTo(Outcome.NOT_PENDING);
		assertThat(this.transactions.outcome()).isEqualTo("rolled back");
	}

	@Test
	void decideWhenCustomerIsDisabledThenCustomerDisabledAndNothingChanges() {
		given(this.customers.findById(CUSTOMER_ID))
			.willReturn(Optional.of(new CustomerRef(CUSTOMER_ID, "alice", false)));

		Outcome outcome = this.decisions.decide(AUTH_REQ_ID, true);

		assertThat(outcome).isEqualTo(Outcome.CUSTOMER_DISABLED);
		verify(this.pushAuths, never()).decide(anyString(), any(), anyString(), any());
		verifyNoInteractions(this.listener);
	}

	private static PushAuthRecord pushAuth() {
		return new PushAuthRecord(PUSH_AUTH_ID, CUSTOMER_ID, "challenge", "Demo Bank Partner", "Pay 42 EUR", "openid",
				"127.0.0.1", NOW.minusSeconds(10), NOW.plusSeconds(290), PushAuthStatus.PENDING);
	}

}
