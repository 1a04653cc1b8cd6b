package dev.ciba.push.auth;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.DeviceJwts;
import dev.ciba.push.SqlTestBase;
import dev.ciba.push.TestKeys;
import dev.ciba.push.api.PushAuthStart;
import dev.ciba.push.api.PushAuthStart.Display;
import dev.ciba.push.api.PushAuthStart.NumberMatching;
import dev.ciba.push.api.PushAuthStarted;
import dev.ciba.push.api.PushDecision;
import dev.ciba.push.outbox.PushMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Number matching and what the phone is shown, against a real database: the number, the
 * choices, the count of wrong answers and the denial after the last one.
 */
abstract class NumberMatchingSqlTests extends SqlTestBase {

	private static final String ALICE = "cust-alice";

	private static final Display DISPLAY = new Display(Map.of("openid", "Confirm who you are"),
			"[{\"type\":\"payment_initiation\",\"summary\":\"Payment of 5.00 EUR to Shop\",\"lines\":[]}]",
			"Payment of 5.00 EUR to Shop");

	private String phone;

	@BeforeEach
	void addCustomerAndPhone() {
		this.fixture.customers.add(ALICE, "alice", true);
		this.phone = this.fixture.registerDevice(ALICE, TestKeys.RSA_2048, "fcm-phone");
	}

	@Test
	void startWhenNumberMatchingThenNumberReturnedStoredAndOnlyTheChoicesPushed() {
		PushAuthStarted started = start(new NumberMatching(3));

		this.fixture.dispatchTrigger.runAll();

		assertThat(started.numberChallenge()).matches("[1-9][0-9]");
		assertThat(stored(started.pushAuthId(), "number_challenge")).isEqualTo(started.numberChallenge());
		PushMessage sent = this.fixture.sender.messages().get(0);
		List<String> choices = Arrays.asList(sent.data().get("numberChallenge").split(","));
		assertThat(choices).hasSize(3).doesNotHaveDuplicates().contains(started.numberChallenge());
		assertThat(sent.data()).containsEntry("scopeDescriptions", "{\"openid\":\"Confirm who you are\"}")
			.containsEntry("authorizationDetails", DISPLAY.authorizationDetails());
		assertThat(sent.body()).isEqualTo("Payments Ltd asks you to approve: Payment of 5.00 EUR to Shop");
		assertThat(sent.title() + sent.body()).doesNotContain(started.numberChallenge());
		assertThat(pulledEntry()).isEqualTo(sent.data());
	}

	@Test
	void startWhenNoNumberMatchingThenNoNumberAnywhere() {
		PushAuthStarted started = start(null);

		this.fixture.dispatchTrigger.runAll();

		assertThat(started.numberChallenge()).isNull();
		assertThat(stored(started.pushAuthId(), "number_challenge")).isEqualTo("null");
		assertThat(this.fixture.sender.messages().get(0).data()).doesNotContainKey("numberChallenge");
		assertThat(pulledEntry()).doesNotContainKey("numberChallenge");
	}

	@Test
	void answerWhenTheRightNumberThenApproved() {
		PushAuthStarted started = start(new NumberMatching(3));

		this.fixture.answers.answer(answer(started.pushAuthId(), "APPROVED", started.numberChallenge()));

		assertThat(this.fixture.statusOf(started.pushAuthId())).isEqualTo("APPROVED");
		assertThat(this.fixture.listener.decisions()).singleElement()
			.satisfies((decision) -> assertThat(decision.approved()).isTrue());
		assertThat(stored(started.pushAuthId(), "number_challenge")).isEqualTo("null");
	}

	@Test
	void answerWhenWrongOrMissingNumberThenRefusedAndCountedUntilTheLastEndsItAsDenied() {
		PushAuthStarted started = start(new NumberMatching(3));
		String wrong = wrongNumber(started);

		DeviceApiException first = refused(answer(started.pushAuthId(), "APPROVED", wrong));
		DeviceApiException second = refused(answer(started.pushAuthId(), "APPROVED", null));
		assertThat(this.fixture.statusOf(started.pushAuthId())).isEqualTo("PENDING");
		assertThat(this.fixture.listener.decisions()).isEmpty();
		DeviceApiException third = refused(answer(started.pushAuthId(), "APPROVED", 42L));
		DeviceApiException afterwards = refused(answer(started.pushAuthId(), "APPROVED", started.numberChallenge()));

		assertThat(first.status()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(first.error()).isEqualTo("invalid_number_challenge");
		assertThat(first.description()).isEqualTo(
				"The token claim numberChallenge is missing or is not the number " + "the client shows; 2 tries left");
		assertThat(second.description()).endsWith("; 1 try left");
		assertThat(third.error()).isEqualTo("invalid_number_challenge");
		assertThat(third.description()).endsWith("; the request is now denied");
		assertThat(afterwards.status()).isEqualTo(HttpStatus.GONE);
		assertThat(this.fixture.statusOf(started.pushAuthId())).isEqualTo("DENIED");
		assertThat(stored(started.pushAuthId(), "number_failures")).isEqualTo("3");
		assertThat(this.fixture.listener.decisions()).containsExactly(
				new PushDecision(started.pushAuthId(), ALICE, this.phone, false, this.fixture.clock.instant()));
		for (DeviceApiException refusal : List.of(first, second, third)) {
			assertThat(refusal.description()).doesNotContain(started.numberChallenge());
		}
	}

	@Test
	void answerWhenDeniedThenNoNumberNeeded() {
		PushAuthStarted started = start(new NumberMatching(3));

		this.fixture.answers.answer(answer(started.pushAuthId(), "DENIED", null));

		assertThat(this.fixture.statusOf(started.pushAuthId())).isEqualTo("DENIED");
		assertThat(stored(started.pushAuthId(), "number_failures")).isEqualTo("0");
	}

	@Test
	void answerWhenNoNumberMatchingThenTheClaimIsIgnored() {
		PushAuthStarted started = start(null);

		this.fixture.answers.answer(answer(started.pushAuthId(), "APPROVED", "not a number"));

		assertThat(this.fixture.statusOf(started.pushAuthId())).isEqualTo("APPROVED");
	}

	@Test
	void answerWhenTheLastWrongNumberComesAfterTheServerEndedTheRequestThenGoneAndNothingCounted() {
		PushAuthStarted started = start(new NumberMatching(1));
		this.fixture.listener.accept(false);

		DeviceApiException refusal = refused(answer(started.pushAuthId(), "APPROVED", wrongNumber(started)));

		assertThat(refusal.status()).isEqualTo(HttpStatus.GONE);
		assertThat(this.fixture.statusOf(started.pushAuthId())).isEqualTo("PENDING");
		assertThat(stored(started.pushAuthId(), "number_failures")).isEqualTo("0");
	}

	@Test
	void answerWhenExpiredThenGoneBeforeTheNumberIsLookedAt() {
		PushAuthStarted started = start(new NumberMatching(3));
		this.fixture.clock.advance(Duration.ofMinutes(6));

		DeviceApiException refusal = refused(answer(started.pushAuthId(), "APPROVED", wrongNumber(started)));

		assertThat(refusal.status()).isEqualTo(HttpStatus.GONE);
		assertThat(stored(started.pushAuthId(), "number_failures")).isEqualTo("0");
	}

	private PushAuthStarted start(NumberMatching numberMatching) {
		Instant now = this.fixture.clock.instant();
		return this.fixture.pushAuthentications.start(new PushAuthStart(ALICE, "Payments Ltd", "Pay 5 EUR", "openid",
				null, now, now.plus(Duration.ofMinutes(5)), DISPLAY, numberMatching));
	}

	private Map<String, String> pulledEntry() {
		String token = DeviceJwts.pending(TestKeys.RSA_2048, this.phone, this.fixture.clock.instant());
		return this.fixture.pending.pending(token).get(0);
	}

	private static String wrongNumber(PushAuthStarted started) {
		return started.numberChallenge().equals("10") ? "11" : "10";
	}

	private String answer(String pushAuthId, String response, Object number) {
		KeyPair key = TestKeys.RSA_2048;
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("pushAuthId", pushAuthId)
			.claim("challenge", this.fixture.challengeOf(pushAuthId))
			.claim("response", response)
			.expirationTime(java.util.Date.from(this.fixture.clock.instant().plusSeconds(600)));
		if (number != null) {
			claims.claim("numberChallenge", number);
		}
		return DeviceJwts.sign(key, this.phone, claims.build());
	}

	private DeviceApiException refused(String token) {
		return assertThatExceptionOfType(DeviceApiException.class).isThrownBy(() -> this.fixture.answers.answer(token))
			.actual();
	}

	private String stored(String pushAuthId, String column) {
		return this.fixture.jdbc.sql("SELECT " + column + " FROM push_auth WHERE id = ?")
			.param(pushAuthId)
			.query((rs, row) -> String.valueOf(rs.getString(1)))
			.single();
	}

}
