package dev.ciba.server.client.authentication;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.ciba.BackchannelAuthenticationEndpointFilter;
import dev.ciba.server.ciba.RequestObjectJtis;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.client.ClientMetadataValidator;
import dev.ciba.server.client.Sha256PasswordEncoder;
import dev.ciba.server.client.keys.ClientKeys;
import dev.ciba.server.client.keys.ClientKeysException;
import dev.ciba.server.config.CibaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

/**
 * Verifies {@code private_key_jwt} client assertions (RFC 7523 §3, OpenID Connect Core
 * §9) for Spring's {@link JwtClientAssertionAuthenticationProvider}, in place of its
 * default factory, at the token endpoint and the backchannel authentication endpoint
 * alike.
 * <p>
 * An assertion is a JWS signed with RS256, PS256 or ES256 (the client's
 * {@code token_endpoint_auth_signing_alg} only, if it registered one) by one of the
 * client's keys, registered by value or at its {@code jwks_uri}; {@code iss} and
 * {@code sub} are the client's {@code client_id}; {@code aud} names this server: the
 * issuer, the token endpoint URL or the backchannel authentication endpoint URL (CIBA
 * Core §7.1 asks for all three), as a string or in an array; {@code exp} is required, not
 * past and at most {@link #MAX_LIFETIME} ahead; {@code nbf} and {@code iat}, if present,
 * are not in the future; and the {@code jti} is required and used once until the
 * assertion expires, on every node. {@value #CLOCK_SKEW_SECONDS} s of clock skew are
 * allowed either way.
 * <p>
 * Every refusal is a {@link BadJwtException}, which Spring answers as 401
 * {@code invalid_client}.
 */
@Component
public class ClientAssertionDecoderFactory implements JwtDecoderFactory<RegisteredClient> {

	/** Allowed clock skew in seconds, both ways. */
	public static final int CLOCK_SKEW_SECONDS = 60;

	/** How far ahead of now an assertion's {@code exp} may lie. */
	public static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

	/** Longest accepted {@code jti}. */
	public static final int MAX_JTI_LENGTH = 256;

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(CLOCK_SKEW_SECONDS);

	/**
	 * Prefix of the hashes of used assertion identifiers, which share the store of used
	 * request object identifiers: the prefix keeps the two kinds apart.
	 */
	private static final String JTI_PURPOSE = "client_assertion\n";

	private static final Logger logger = LoggerFactory.getLogger(ClientAssertionDecoderFactory.class);

	private final Set<String> audiences;

	private final ClientKeys keys;

	private final RequestObjectJtis usedJtis;

	private final Clock clock;

	@Autowired
	ClientAssertionDecoderFactory(CibaProperties properties, AuthorizationServerSettings settings, ClientKeys keys,
			RequestObjectJtis usedJtis, Clock clock) {
		this(properties.getIssuer(), settings.getTokenEndpoint(), keys, usedJtis, clock);
	}

	/**
	 * @param issuer this server's issuer identifier
	 * @param tokenEndpoint the path of the token endpoint
	 * @param keys the clients' keys
	 * @param usedJtis the store of used identifiers
	 * @param clock the current time
	 */
	public ClientAssertionDecoderFactory(String issuer, String tokenEndpoint, ClientKeys keys,
			RequestObjectJtis usedJtis, Clock clock) {
		this.audiences = Set.of(issuer, issuer + tokenEndpoint,
				issuer + BackchannelAuthenticationEndpointFilter.ENDPOINT);
		this.keys = keys;
		this.usedJtis = usedJtis;
		this.clock = clock;
	}

	/**
	 * Makes the client assertion providers among the client authentication providers use
	 * this factory.
	 * @throws IllegalStateException when there is none, so that {@code private_key_jwt}
	 * never falls back to Spring's default verification
	 */
	public void useIn(List<AuthenticationProvider> providers) {
		List<JwtClientAssertionAuthenticationProvider> assertionProviders = providers.stream()
			.filter(JwtClientAssertionAuthenticationProvider.class::isInstance)
			.map(JwtClientAssertionAuthenticationProvider.class::cast)
			.toList();
		if (assertionProviders.isEmpty()) {
			throw new IllegalStateException("No client assertion provider to verify private_key_jwt with");
		}
		assertionProviders.forEach((provider) -> provider.setJwtDecoderFactory(this));
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		return (token) -> decode(client, token);
	}

	private Jwt decode(RegisteredClient client, String token) {
		try {
			checkClient(client);
			SignedJWT assertion = parse(token);
			checkAlgorithm(client, assertion.getHeader().getAlgorithm());
			verifySignature(client, assertion);
			JWTClaimsSet claims = claims(assertion);
			checkIssuerAndSubject(client, claims);
			checkAudience(claims);
			Instant expiresAt = checkTimes(claims);
			checkReplay(client, claims, expiresAt);
			return jwt(token, assertion, claims);
		}
		catch (BadJwtException ex) {
			logger.debug("Refused a client assertion of client {}: {}", client.getClientId(), ex.getMessage());
			throw ex;
		}
	}

	// client_secret_jwt is never registered; a client must have chosen private_key_jwt.
	private static void checkClient(RegisteredClient client) {
		if (!client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT)) {
			throw new BadJwtException("The client is not registered for private_key_jwt");
		}
	}

	private static SignedJWT parse(String token) {
		try {
			return SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			throw new BadJwtException("The client assertion is not a signed JWT");
		}
	}

	// Asymmetric algorithms only (none and HMAC never verify); a client that registered
	// token_endpoint_auth_signing_alg must use exactly that one (RFC 7591 §2).
	private static void checkAlgorithm(RegisteredClient client, JWSAlgorithm algorithm) {
		if (!ClientMetadataValidator.CLIENT_ASSERTION_SIGNING_ALGORITHMS.contains(algorithm.getName())) {
			throw new BadJwtException("The client assertion's algorithm is not accepted");
		}
		String registered = CibaClientSettings.clientAssertionSigningAlgorithm(client);
		if (registered != null && !registered.equals(algorithm.getName())) {
			throw new BadJwtException("The client assertion must be signed with the client's registered algorithm");
		}
	}

	private void verifySignature(RegisteredClient client, SignedJWT assertion) {
		List<JWK> candidates;
		try {
			candidates = this.keys.candidates(client, assertion.getHeader());
		}
		catch (ClientKeysException ex) {
			logger.warn("The keys of client {} cannot be used: {}", client.getClientId(), ex.getMessage());
			throw new BadJwtException("The client's keys cannot be used");
		}
		for (JWK key : candidates) {
			if (verifies(assertion, key)) {
				return;
			}
		}
		throw new BadJwtException("The client assertion's signature does not verify with the client's keys");
	}

	private static boolean verifies(SignedJWT assertion, JWK key) {
		try {
			JWSVerifier verifier = (key instanceof ECKey ec) ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
			return assertion.verify(verifier);
		}
		catch (JOSEException ex) {
			// A key that cannot check this signature does not verify it.
			return false;
		}
	}

	private static JWTClaimsSet claims(SignedJWT assertion) {
		try {
			return assertion.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new BadJwtException("The client assertion's claims are malformed");
		}
	}

	// RFC 7523 §3: iss and sub are both the client's client_id.
	private static void checkIssuerAndSubject(RegisteredClient client, JWTClaimsSet claims) {
		if (!client.getClientId().equals(stringClaim(claims, "iss"))
				|| !client.getClientId().equals(stringClaim(claims, "sub"))) {
			throw new BadJwtException("The client assertion's iss and sub must be the client's client_id");
		}
	}

	private void checkAudience(JWTClaimsSet claims) {
		List<String> audience = claims.getAudience();
		if (audience.stream().noneMatch(this.audiences::contains)) {
			throw new BadJwtException("The client assertion's aud must identify this server");
		}
	}

	private Instant checkTimes(JWTClaimsSet claims) {
		Instant now = this.clock.instant();
		Instant expiresAt = instantClaim(claims, "exp");
		if (expiresAt == null) {
			throw new BadJwtException("The client assertion has no exp claim");
		}
		if (now.isAfter(expiresAt.plus(CLOCK_SKEW))) {
			throw new BadJwtException("The client assertion has expired");
		}
		if (expiresAt.isAfter(now.plus(MAX_LIFETIME).plus(CLOCK_SKEW))) {
			throw new BadJwtException("The client assertion's exp is too far in the future");
		}
		Instant notBefore = instantClaim(claims, "nbf");
		Instant issuedAt = instantClaim(claims, "iat");
		if ((notBefore != null && notBefore.isAfter(now.plus(CLOCK_SKEW)))
				|| (issuedAt != null && issuedAt.isAfter(now.plus(CLOCK_SKEW)))) {
			throw new BadJwtException("The client assertion's nbf or iat is in the future");
		}
		if (issuedAt != null && !expiresAt.isAfter(issuedAt)) {
			throw new BadJwtException("The client assertion's exp must be after its iat");
		}
		return expiresAt;
	}

	// RFC 7523 §3 lets the server keep a jti single use; it is, per client, until the
	// assertion expires. Only a hash of the client and the jti is stored.
	private void checkReplay(RegisteredClient client, JWTClaimsSet claims, Instant expiresAt) {
		String jti = stringClaim(claims, "jti");
		if (jti == null || jti.isEmpty()) {
			throw new BadJwtException("The client assertion has no jti claim");
		}
		if (jti.length() > MAX_JTI_LENGTH) {
			throw new BadJwtException("The client assertion's jti is too long");
		}
		String hash = new Sha256PasswordEncoder().encode(JTI_PURPOSE + client.getId() + "\n" + jti);
		if (!this.usedJtis.markUsed(hash, expiresAt.plus(CLOCK_SKEW), this.clock.instant())) {
			throw new BadJwtException("The client assertion was already used (jti)");
		}
	}

	private static Jwt jwt(String token, SignedJWT assertion, JWTClaimsSet claims) {
		Jwt.Builder jwt = Jwt.withTokenValue(token)
			.headers((headers) -> headers.putAll(assertion.getHeader().toJSONObject()))
			.claims((values) -> values.putAll(claims.toJSONObject()))
			.expiresAt(claims.getExpirationTime().toInstant());
		if (claims.getIssueTime() != null) {
			jwt.issuedAt(claims.getIssueTime().toInstant());
		}
		if (claims.getNotBeforeTime() != null) {
			jwt.notBefore(claims.getNotBeforeTime().toInstant());
		}
		return jwt.build();
	}

	private static String stringClaim(JWTClaimsSet claims, String name) {
		try {
			return claims.getStringClaim(name);
		}
		catch (ParseException ex) {
			throw new BadJwtException("The client assertion's " + name + " claim must be a string");
		}
	}

	private static Instant instantClaim(JWTClaimsSet claims, String name) {
		try {
			Date value = claims.getDateClaim(name);
			return (value != null) ? value.toInstant() : null;
		}
		catch (ParseException ex) {
			throw new BadJwtException("The client assertion's " + name + " claim must be a number of seconds");
		}
	}

}
