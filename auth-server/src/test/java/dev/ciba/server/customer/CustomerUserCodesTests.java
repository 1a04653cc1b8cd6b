package dev.ciba.server.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.ciba.server.config.CibaProperties;
import dev.ciba.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link CustomerUserCodes} on an in-memory stand-in for the customer table, with a clock
 * the tests move.
 */
class CustomerUserCodesTests {

	private static final String CUSTOMER = "cust-1";

	private static final String CODE = "Right-Code-4711";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

	private final InMemoryUserCodes table = new InMemoryUserCodes();

	private final PasswordEncoder encoder = new BCryptPasswordEncoder(4);

	private CustomerUserCodes userCodes;

	@BeforeEach
	void setUp() {
		CibaProperties properties = new CibaProperties();
		properties.getUserCode().setMaxFailures(5);
		properties.getUserCode().setLockout(Duration.ofMinutes(15));
		this.table.customers.put(CUSTOMER, new UserCodeRepository.StoredUserCode(null, UserCodeAttempts.NONE, 0));
		this.userCodes = new CustomerUserCodes(this.table, this.encoder, properties, this.clock);
	}

	@Test
	void setWhenCodeFollowsTheRuleThenStoresOnlyABcryptHash() {
		this.userCodes.set(CUSTOMER, CODE);

		String hash = this.table.customers.get(CUSTOMER).hash();
		assertThat(hash).startsWith("$2a$04$").doesNotContain(CODE);
		assertThat(this.encoder.matches(CODE, hash)).isTrue();
		assertThat(this.userCodes.hasUserCode(CUSTOMER)).isTrue();
	}

	@Test
	void setWhenCodeBreaksTheRuleThenRefusesWithoutEchoingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.userCodes.set(CUSTOMER, "123"))
			.withMessage("The user code breaks the rule");
		assertThat(this.userCodes.hasUserCode(CUSTOMER)).isFalse();
	}

	@Test
	void setWhenCustomerUnknownThenRefuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.userCodes.set("nobody", CODE))
			.withMessage("No such customer");
	}

	@Test
	void verifyWhenNoCodeSetThenNotSetAndNothingCounted() {
		assertThat(this.userCodes.verify(CUSTOMER, CODE)).isEqualTo(UserCodeVerification.NOT_SET);
		assertThat(this.table.customers.get(CUSTOMER).attempts()).isEqualTo(UserCodeAttempts.NONE);
	}

	@Test
	void verifyWhenRightCodeThenMatchedAndTheCountStartsAgain() {
		this.userCodes.set(CUSTOMER, CODE);
		wrong(3);

		assertThat(this.userCodes.verify(CUSTOMER, CODE)).isEqualTo(UserCodeVerification.MATCHED);
		assertThat(this.table.customers.get(CUSTOMER).attempts()).isEqualTo(UserCodeAttempts.NONE);
	}

	@Test
	void verifyWhenWrongCodeThenWrongAndCounted() {
		this.userCodes.set(CUSTOMER, CODE);

		assertThat(this.userCodes.verify(CUSTOMER, "Wrong-Code")).isEqualTo(UserCodeVerification.WRONG);
		assertThat(this.table.customers.get(CUSTOMER).attempts()).isEqualTo(new UserCodeAttempts(1, null));
	}

	@Test
	void verifyWhenCodeBreaksTheRuleThenWrongAndCounted() {
		this.userCodes.set(CUSTOMER, CODE);

		assertThat(this.userCodes.verify(CUSTOMER, "x".repeat(100))).isEqualTo(UserCodeVerification.WRONG);
		assertThat(this.table.customers.get(CUSTOMER).attempts().failures()).isEqualTo(1);
	}

	@Test
	void verifyWhenFiveWrongCodesThenLockedForFifteenMinutesEvenForTheRightCode() {
		this.userCodes.set(CUSTOMER, CODE);
		wrong(5);

		assertThat(this.table.customers.get(CUSTOMER).attempts())
			.isEqualTo(new UserCodeAttempts(0, Instant.parse("2026-12-01T10:15:00Z")));
		assertThat(this.userCodes.verify(CUSTOMER, CODE)).isEqualTo(UserCodeVerification.LOCKED);
		this.clock.advance(Duration.ofMinutes(15).minusSeconds(1));
		assertThat(this.userCodes.verify(CUSTOMER, CODE)).isEqualTo(UserCodeVerification.LOCKED);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.userCodes.verify(CUSTOMER, CODE)).isEqualTo(UserCodeVerification.MATCHED);
	}

	@Test
	void verifyWhenLockedThenNothingIsCountedOrCompared() {
		this.userCodes.set(CUSTOMER, CODE);
		wrong(5);
		int writes = this.table.writes;

		assertThat(this.userCodes.verify(CUSTOMER, "Wrong-Code")).isEqualTo(UserCodeVerification.LOCKED);
		assertThat(this.table.writes).isEqualTo(writes);
	}

	@Test
	void verifyWhenTheLockEndedThenFiveMoreWrongCodesLockAgain() {
		this.userCodes.set(CUSTOMER, CODE);
		wrong(5);
		this.clock.advance(Duration.ofMinutes(15));

		wrong(4);
		assertThat(this.userCodes.verify(CUSTOMER, CODE)).isEqualTo(UserCodeVerification.MATCHED);
		wrong(5);

		assertThat(this.userCodes.verify(CUSTOMER, CODE)).isEqualTo(UserCodeVerification.LOCKED);
	}

	@Test
	void verifyWhenTheFifthCodeIsRightThenMatchedAndNotLocked() {
		this.userCodes.set(CUSTOMER, CODE);
		wrong(4);

		assertThat(this.userCodes.verify(CUSTOMER, CODE)).isEqualTo(UserCodeVerification.MATCHED);
		assertThat(this.table.customers.get(CUSTOMER).attempts()).isEqualTo(UserCodeAttempts.NONE);
	}

	@Test
	void verifyWhenAnotherRequestCountsFirstThenReadsAgainAndCountsOnTopOfIt() {
		this.userCodes.set(CUSTOMER, CODE);
		this.table.concurrentFailuresBeforeNextWrite = 1;

		assertThat(this.userCodes.verify(CUSTOMER, "Wrong-Code")).isEqualTo(UserCodeVerification.WRONG);
		assertThat(this.table.customers.get(CUSTOMER).attempts()).isEqualTo(new UserCodeAttempts(2, null));
	}

	@Test
	void verifyWhenOtherRequestsAlwaysCountFirstThenLockedWithoutComparing() {
		this.userCodes.set(CUSTOMER, CODE);
		this.table.concurrentFailuresBeforeNextWrite = Integer.MAX_VALUE;

		assertThat(this.userCodes.verify(CUSTOMER, CODE)).isEqualTo(UserCodeVerification.LOCKED);
	}

	@Test
	void setWhenLockedThenTheNewCodeWorksAtOnce() {
		this.userCodes.set(CUSTOMER, CODE);
		wrong(5);

		this.userCodes.set(CUSTOMER, "New-Code-0815");

		assertThat(this.userCodes.verify(CUSTOMER, "New-Code-0815")).isEqualTo(UserCodeVerification.MATCHED);
	}

	private void wrong(int times) {
		for (int i = 0; i < times; i++) {
			assertThat(this.userCodes.verify(CUSTOMER, "Wrong-Code-" + i)).isEqualTo(UserCodeVerification.WRONG);
		}
	}

	/**
	 * The customer table's user code columns, with the same conditional updates as SQL,
	 * and a way to let another request win the race for the next updates.
	 */
	private static final class InMemoryUserCodes extends UserCodeRepository {

		final Map<String, StoredUserCode> customers = new HashMap<>();

		int writes;

		int concurrentFailuresBeforeNextWrite;

		InMemoryUserCodes() {
			super(null);
		}

		@Override
		Optional<StoredUserCode> find(String customerId) {
			return Optional.ofNullable(this.customers.get(customerId));
		}

		@Override
		boolean setHash(String customerId, String hash) {
			StoredUserCode stored = this.customers.get(customerId);
			if (stored == null) {
				return false;
			}
			write(customerId, new StoredUserCode(hash, UserCodeAttempts.NONE, stored.version() + 1));
			return true;
		}

		@Override
		boolean replaceAttempts(String customerId, int version, UserCodeAttempts attempts) {
			StoredUserCode stored = this.customers.get(customerId);
			if (this.concurrentFailuresBeforeNextWrite > 0) {
				this.concurrentFailuresBeforeNextWrite--;
				UserCodeAttempts other = new UserCodeAttempts(stored.attempts().failures() + 1, null);
				write(customerId, new StoredUserCode(stored.hash(), other, stored.version() + 1));
				return false;
			}
			if (stored.version() != version) {
				return false;
			}
			write(customerId, new StoredUserCode(stored.hash(), attempts, version + 1));
			return true;
		}

		@Override
		void clearAttempts(String customerId, String hash) {
			StoredUserCode stored = this.customers.get(customerId);
			if (hash.equals(stored.hash())) {
				write(customerId, new StoredUserCode(hash, UserCodeAttempts.NONE, stored.version() + 1));
			}
		}

		private void write(String customerId, StoredUserCode stored) {
			this.customers.put(customerId, stored);
			this.writes++;
		}

	}

}
