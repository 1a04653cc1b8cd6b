package dev.ciba.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.ciba.server.CibaTestClient.Answer;
import dev.ciba.server.ciba.AuthReqId;
import dev.ciba.server.customer.Customer;
import dev.ciba.simulator.Decision;
import dev.ciba.simulator.PendingRequest;
import dev.ciba.simulator.Phone;
import dev.ciba.simulator.ServerAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The races of the CIBA lifecycle through the running server on PostgreSQL, each repeated
 * for {@value #ROUNDS} rounds: in every round the racing calls wait at a barrier and are
 * released at the same moment, and the round checks both what the callers were told
 * (exactly one winner) and what the database holds afterwards (one outcome).
 * Registrations racing for one challenge are raced in the push module
 * ({@code RegistrationSqlTests}), on PostgreSQL and H2.
 */
class RaceIntegrationTests extends CustomerFlowIntegrationTest {

	private static final int ROUNDS = 20;

	private static final int POLLS = 50;

	private CibaTestClient client;

	private ExecutorService threads;

	@BeforeEach
	void setUp() {
		this.client = new CibaTestClient(url(""));
		this.threads = Executors.newFixedThreadPool(POLLS);
	}

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void tokenWhenFiftyPollsOfOneApprovedRequestArriveAtOnceThenExactlyOneTokenResponseInEveryRound() throws Exception {
		Customer customer = newCustomer();
		Phone phone = registerPhone(customer);
		for (int round = 1; round <= ROUNDS; round++) {
			String authReqId = start(customer);
			assertThat(phone.approve(phone.pending().get(0)).status()).isEqualTo(200);

			List<Answer> answers = atOnce(Collections.nCopies(POLLS, () -> this.client.token(authReqId)));

			assertThat(answers).as("round %d", round).filteredOn((answer) -> answer.status() == 200).hasSize(1);
			assertThat(answers).filteredOn((answer) -> answer.status() != 200)
				.hasSize(POLLS - 1)
				.allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(400))
				.extracting(Answer::error)
				.containsOnly("invalid_grant");
			assertThat(requestStatus(authReqId)).isEqualTo("REDEEMED");
			assertThat(authorizationsOf(customer)).isEqualTo(round);
		}
	}

	@Test
	void authenticateWhenTwoPhonesApproveAndDenyAtOnceThenOneOutcomeStoredAndSeenByTheClientInEveryRound()
			throws Exception {
		Customer customer = newCustomer();
		Phone approving = registerPhone(customer);
		Phone denying = registerPhone(customer);
		for (int round = 1; round <= ROUNDS; round++) {
			String authReqId = start(customer);
			PendingRequest seenByApproving = approving.pending().get(0);
			PendingRequest seenByDenying = denying.pending().get(0);
			String approval = approving.signJwt(approving.answerClaims(seenByApproving, Decision.APPROVED));
			String denial = denying.signJwt(denying.answerClaims(seenByDenying, Decision.DENIED));

			List<ServerAnswer> answers = atOnce(
					List.of(() -> approving.authenticate(approving.answerPath(seenByApproving), approval),
							() -> denying.authenticate(denying.answerPath(seenByDenying), denial)));

			assertThat(answers).as("round %d", round)
				.extracting(ServerAnswer::status)
				.containsExactlyInAnyOrder(200, 410);
			boolean approved = answers.get(0).status() == 200;
			ServerAnswer loser = answers.get(approved ? 1 : 0);
			assertThat(loser.error()).isEqualTo("invalid_request");
			assertThat(loser.errorDescription()).isEqualTo("The request was already answered");
			String winner = approved ? approving.deviceId() : denying.deviceId();
			assertThat(requestStatus(authReqId)).isEqualTo(approved ? "APPROVED" : "DENIED");
			assertThat(pushAuth(authReqId)).containsEntry("status", approved ? "APPROVED" : "DENIED")
				.containsEntry("answered_device_id", winner);
			assertThat(answeredEvents(seenByApproving.pushId()))
				.containsExactly(winner + " " + (approved ? "APPROVED" : "DENIED"));
			Answer outcome = this.client.token(authReqId);
			assertThat(outcome.status()).isEqualTo(approved ? 200 : 400);
			if (!approved) {
				assertThat(outcome.error()).isEqualTo("access_denied");
			}
		}
	}

	/**
	 * Runs the calls on as many threads, held at a barrier until all are ready, and
	 * returns what each returned, in the order of the calls.
	 */
	private <T> List<T> atOnce(List<Callable<T>> calls) throws InterruptedException {
		CyclicBarrier start = new CyclicBarrier(calls.size());
		List<Future<T>> futures = new ArrayList<>();
		for (Callable<T> call : calls) {
			futures.add(this.threads.submit(() -> {
				start.await(10, TimeUnit.SECONDS);
				return call.call();
			}));
		}
		List<T> results = new ArrayList<>();
		for (Future<T> future : futures) {
			try {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
				throw new AssertionError("A racing call failed", ex);
			}
		}
		return results;
	}

	private String start(Customer customer) {
		Answer answer = this.client
			.backchannel(CibaTestClient.form(Map.of("scope", "openid", "login_hint", customer.username())));
		assertThat(answer.status()).isEqualTo(200);
		return answer.json().path("auth_req_id").asString();
	}

	private String requestStatus(String authReqId) {
		return this.jdbc.sql("SELECT status FROM ciba_request WHERE auth_req_id_hash = ?")
			.param(new AuthReqId(authReqId).hash())
			.query(String.class)
			.single();
	}

	private int authorizationsOf(Customer customer) {
		return this.jdbc.sql("SELECT COUNT(*) FROM oauth2_authorization WHERE principal_name = ?")
			.param(customer.id())
			.query(Integer.class)
			.single();
	}

	private Map<String, Object> pushAuth(String authReqId) {
		return this.jdbc.sql("""
				SELECT p.status, p.answered_device_id FROM push_auth p JOIN ciba_request r ON r.push_auth_id = p.id
				WHERE r.auth_req_id_hash = ?""").param(new AuthReqId(authReqId).hash()).query().singleRow();
	}

	/**
	 * The {@code ANSWERED} device events of the push authentication, each as the device
	 * and the reason.
	 */
	private List<String> answeredEvents(String pushAuthId) throws NoSuchAlgorithmException {
		byte[] hash = MessageDigest.getInstance("SHA-256").digest(pushAuthId.getBytes(StandardCharsets.UTF_8));
		return this.jdbc
			.sql("SELECT device_id, reason FROM device_event WHERE request_ref = ? AND event_type = 'ANSWERED'")
			.param(Base64.getUrlEncoder().withoutPadding().encodeToString(hash))
			.query((rs, row) -> rs.getString("device_id") + " " + rs.getString("reason"))
			.list();
	}

}
