package dev.ciba.e2e;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.oauth2.sdk.ciba.CIBARequestAcknowledgement;

/**
 * Polls the token endpoint for one CIBA request the way a well-behaved client does: the
 * first poll at once, every later one at least {@code interval} seconds after the answer
 * to the previous one arrived. The only waiting in these tests is this wait for real time
 * to pass.
 */
final class TokenPolling {

	/*
	 * The server starts the interval when it handles a poll, a few milliseconds before
	 * the answer arrives here; the margin keeps clock granularity from turning a
	 * conforming poll into slow_down.
	 */
	private static final Duration MARGIN = Duration.ofMillis(200);

	private static final String AUTHORIZATION_PENDING = "authorization_pending";

	/**
	 * The interval CIBA Core §7.3 tells clients to assume when the server names none.
	 */
	private static final int DEFAULT_INTERVAL_SECONDS = 5;

	/**
	 * How long past the request's expiry a poller keeps trying before it gives up.
	 */
	private static final Duration GRACE = Duration.ofSeconds(15);

	private final List<CibaClient> clients;

	private final CIBARequestAcknowledgement acknowledgement;

	private final Instant giveUpAt;

	private Instant lastAnswer;

	private int polls;

	TokenPolling(CibaClient client, CIBARequestAcknowledgement acknowledgement) {
		this(List.of(client), acknowledgement);
	}

	/**
	 * A poller that sends each poll through the next client in turn, the first again
	 * after the last: one client per node of a cluster, as a load balancer may spread the
	 * polls.
	 */
	TokenPolling(List<CibaClient> clients, CIBARequestAcknowledgement acknowledgement) {
		this.clients = List.copyOf(clients);
		this.acknowledgement = acknowledgement;
		this.giveUpAt = Instant.now().plusSeconds(acknowledgement.getExpiresIn()).plus(GRACE);
	}

	/**
	 * Waits until the interval has passed since the previous poll, then polls once.
	 */
	TokenAnswer poll() throws IOException {
		waitForInterval();
		try {
			CibaClient next = this.clients.get(this.polls % this.clients.size());
			this.polls++;
			return next.redeem(this.acknowledgement.getAuthRequestID());
		}
		finally {
			this.lastAnswer = Instant.now();
		}
	}

	/**
	 * Polls at the interval for as long as the answer is {@code authorization_pending}
	 * and returns the first other answer.
	 */
	TokenAnswer pollUntilDecided() throws IOException {
		TokenAnswer answer = poll();
		while (AUTHORIZATION_PENDING.equals(answer.errorCode())) {
			if (Instant.now().isAfter(this.giveUpAt)) {
				throw new AssertionError("Still authorization_pending long after the request expired");
			}
			answer = poll();
		}
		return answer;
	}

	private void waitForInterval() throws InterruptedIOException {
		if (this.lastAnswer == null) {
			return;
		}
		Integer named = this.acknowledgement.getMinWaitInterval();
		Duration interval = Duration.ofSeconds((named != null) ? named : DEFAULT_INTERVAL_SECONDS);
		Duration wait = Duration.between(Instant.now(), this.lastAnswer.plus(interval).plus(MARGIN));
		if (wait.isNegative()) {
			return;
		}
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while waiting for the poll interval");
		}
	}

}
