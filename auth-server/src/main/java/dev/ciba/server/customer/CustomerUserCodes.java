package dev.ciba.server.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.ciba.portal.UserCodeRule;
import dev.ciba.portal.UserCodes;
import dev.ciba.server.config.CibaProperties;
import dev.ciba.server.customer.UserCodeRepository.StoredUserCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Customers' user codes (CIBA Core 1.0 §7.1 {@code user_code}): set in the portal, stored
 * as a bcrypt hash (a code is a human secret), and verified at the backchannel endpoint
 * with a lock-out after {@code ciba.user-code.max-failures} wrong codes in a row.
 * <p>
 * Each attempt is counted before the code is compared, with a conditional update on the
 * customer row, so that however many requests try codes at once, on however many nodes,
 * no more codes are compared per lock-out period than the limit allows.
 */
@Service
public class CustomerUserCodes implements UserCodes {

	/**
	 * How often one verification reads the attempts again after another request changed
	 * them first; beyond that the code counts as locked for this request. Each conflict
	 * is another request's counted attempt (or a right code), so with the default limit
	 * of five the lock comes before this bound.
	 */
	static final int MAX_CONFLICTS = 10;

	private static final Logger logger = LoggerFactory.getLogger(CustomerUserCodes.class);

	private final UserCodeRepository repository;

	private final PasswordEncoder passwordEncoder;

	private final UserCodeLockout lockout;

	private final Clock clock;

	CustomerUserCodes(UserCodeRepository repository, PasswordEncoder passwordEncoder, CibaProperties properties,
			Clock clock) {
		this.repository = repository;
		this.passwordEncoder = passwordEncoder;
		this.lockout = new UserCodeLockout(properties.getUserCode().getMaxFailures(),
				properties.getUserCode().getLockout());
		this.clock = clock;
	}

	@Override
	public boolean hasUserCode(String customerId) {
		return this.repository.find(customerId).map((stored) -> stored.hash() != null).orElse(false);
	}

	@Override
	public void set(String customerId, String code) {
		if (!UserCodeRule.isAcceptable(code)) {
			throw new IllegalArgumentException("The user code breaks the rule");
		}
		if (!this.repository.setHash(customerId, this.passwordEncoder.encode(code))) {
			throw new IllegalArgumentException("No such customer");
		}
		logger.info("Customer {} set a new user code", customerId);
	}

	/**
	 * Compares a {@code user_code} with the customer's, counting the attempt.
	 */
	public UserCodeVerification verify(String customerId, String code) {
		for (int conflict = 0; conflict < MAX_CONFLICTS; conflict++) {
			Optional<StoredUserCode> stored = this.repository.find(customerId);
			if (stored.isEmpty() || stored.get().hash() == null) {
				return UserCodeVerification.NOT_SET;
			}
			Instant now = this.clock.instant();
			StoredUserCode current = stored.get();
			if (this.lockout.isLocked(current.attempts(), now)) {
				return UserCodeVerification.LOCKED;
			}
			UserCodeAttempts counted = this.lockout.afterFailure(current.attempts(), now);
			if (this.repository.replaceAttempts(customerId, current.version(), counted)) {
				return compare(customerId, current.hash(), code, counted);
			}
		}
		return UserCodeVerification.LOCKED;
	}

	// The attempt is already counted as wrong; a right code takes that back. A code that
	// breaks the rule cannot be right and is not hashed (bcrypt reads only 72 bytes).
	private UserCodeVerification compare(String customerId, String hash, String code, UserCodeAttempts counted) {
		if (UserCodeRule.isAcceptable(code) && this.passwordEncoder.matches(code, hash)) {
			this.repository.clearAttempts(customerId, hash);
			return UserCodeVerification.MATCHED;
		}
		if (counted.lockedUntil() != null) {
			logger.warn("The user code of customer {} is locked until {} after too many wrong codes", customerId,
					counted.lockedUntil());
		}
		return UserCodeVerification.WRONG;
	}

}
