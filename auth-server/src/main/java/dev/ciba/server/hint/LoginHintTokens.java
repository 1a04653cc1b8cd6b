package dev.ciba.server.hint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.config.CibaProperties;

import org.springframework.stereotype.Component;

/**
 * Mints and reads {@code login_hint_token}s: short-lived JWTs that name a customer,
 * signed with the server's key, for example shown as a QR code on a point-of-sale screen
 * and handed by the shop to its CIBA client.
 * <p>
 * The token's header {@code typ} is {@value #TYPE_NAME}; its claims are {@code iss},
 * {@code sub} (the customer's id), {@code aud} (the issuer), {@code iat}, {@code exp} and
 * {@code jti}.
 */
@Component
public class LoginHintTokens {

	/** The {@code typ} header of a login hint token. */
	public static final String TYPE_NAME = "login-hint+jwt";

	/** The longest accepted {@code ciba.login-hint-token.lifetime}. */
	static final Duration MAX_LIFETIME = Duration.ofHours(1);

	private static final JOSEObjectType TYPE = new JOSEObjectType(TYPE_NAME);

	private static final String PARAMETER = HintType.LOGIN_HINT_TOKEN.parameterName();

	private final ServerSignedJwts jwts;

	private final String issuer;

	private final Duration lifetime;

	private final Clock clock;

	LoginHintTokens(ServerSignedJwts jwts, CibaProperties properties, Clock clock) {
		this.jwts = jwts;
		this.issuer = properties.getIssuer();
		this.lifetime = properties.getLoginHintToken().getLifetime();
		this.clock = clock;
		if (this.lifetime.isNegative() || this.lifetime.isZero() || this.lifetime.compareTo(MAX_LIFETIME) > 0) {
			throw new IllegalStateException("ciba.login-hint-token.lifetime must be positive and at most "
					+ MAX_LIFETIME.toMinutes() + " minutes");
		}
	}

	/**
	 * Mints a token for the customer.
	 */
	public Issued issue(String customerId) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(customerId)
			.audience(this.issuer)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(this.lifetime)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		return new Issued(this.jwts.sign(TYPE, claims), this.lifetime);
	}

	/**
	 * The customer id a token names.
	 * @throws HintException {@link HintException.Reason#EXPIRED} for a genuine token past
	 * its expiry, {@link HintException.Reason#INVALID} for anything that is not a login
	 * hint token of this server
	 */
	String subject(String token) {
		SignedJWT jwt = this.jwts.verify(token, PARAMETER);
		JOSEObjectType type = jwt.getHeader().getType();
		if (type == null || !TYPE_NAME.equalsIgnoreCase(type.getType())) {
			throw ServerSignedJwts.invalid(PARAMETER, "is not a login hint token");
		}
		JWTClaimsSet claims = ServerSignedJwts.claims(jwt, PARAMETER);
		checkClaims(claims);
		// Only this server's nodes mint and read these tokens, so no clock skew is
		// allowed.
		if (!this.clock.instant().isBefore(claims.getExpirationTime().toInstant())) {
			throw new HintException(HintException.Reason.EXPIRED, "The login_hint_token has expired");
		}
		return claims.getSubject();
	}

	private void checkClaims(JWTClaimsSet claims) {
		List<String> audience = claims.getAudience();
		if (!this.issuer.equals(claims.getIssuer()) || !audience.contains(this.issuer)) {
			throw ServerSignedJwts.invalid(PARAMETER, "was not issued by this server");
		}
		if (claims.getSubject() == null || claims.getSubject().isEmpty() || claims.getExpirationTime() == null
				|| claims.getIssueTime() == null || claims.getJWTID() == null) {
			throw ServerSignedJwts.invalid(PARAMETER, "lacks a required claim");
		}
	}

	/**
	 * A minted token.
	 *
	 * @param value the compact JWT
	 * @param expiresIn its lifetime
	 */
	public record Issued(String value, Duration expiresIn) {

		@Override
		public String toString() {
			return "Issued[expiresIn=" + this.expiresIn + "]";
		}

	}

}
