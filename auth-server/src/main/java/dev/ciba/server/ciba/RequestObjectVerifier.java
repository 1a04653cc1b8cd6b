package dev.ciba.server.ciba;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.client.keys.ClientKeys;
import dev.ciba.server.client.keys.ClientKeysException;
import dev.ciba.server.config.CibaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * The rules for signed authentication requests (CIBA Core 1.0 §7.1.1): an asymmetric
 * signature by one of the client's registered keys, with the algorithm pinned; the client
 * as {@code iss} and this server as {@code aud}; {@code exp}, {@code iat}, {@code nbf}
 * and {@code jti} all present, within the time limits below; and each {@code jti} used
 * once per client.
 * <p>
 * Time limits, with {@value #CLOCK_SKEW_SECONDS} s of clock skew: {@code exp} not in the
 * past; {@code iat} and {@code nbf} not in the future; {@code nbf} at most 60 minutes in
 * the past; {@code exp - nbf} at most 60 minutes (FAPI-CIBA §5.2.2).
 * <p>
 * Every refusal is {@code invalid_request}: CIBA Core §13 has no
 * {@code invalid_request_object}.
 */
@Component
public class RequestObjectVerifier {

	private static final JsonMapper STRICT_JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
		.build();

	/** Allowed clock skew in seconds, both ways. */
	public static final int CLOCK_SKEW_SECONDS = 60;

	/** FAPI-CIBA §5.2.2 (FAPI 1 Advanced §5.2.2-13): {@code exp - nbf} at most this. */
	public static final Duration MAX_LIFETIME = Duration.ofMinutes(60);

	/** FAPI 1 Advanced §5.2.2-17: {@code nbf} at most this far in the past. */
	public static final Duration MAX_NBF_AGE = Duration.ofMinutes(60);

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(CLOCK_SKEW_SECONDS);

	private static final int MAX_JTI_LENGTH = 256;

	/** Accepted {@code typ} values, in lower case; RFC 7515 §4.1.9 lets the prefix go. */
	private static final Set<String> TYPES = Set.of("jwt", "oauth-authz-req+jwt", "application/jwt",
			"application/oauth-authz-req+jwt");

	private static final Logger logger = LoggerFactory.getLogger(RequestObjectVerifier.class);

	private final String issuer;

	private final String endpoint;

	private final RequestObjectJtis jtis;

	private final ClientKeys keys;

	private final Clock clock;

	RequestObjectVerifier(CibaProperties properties, RequestObjectJtis jtis, ClientKeys keys, Clock clock) {
		this.issuer = properties.getIssuer();
		this.endpoint = this.issuer + BackchannelAuthenticationEndpointFilter.ENDPOINT;
		this.jtis = jtis;
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * Verifies a request object of the client and marks its {@code jti} used.
	 * @return its claims, which carry the authentication request's parameters
	 * @throws OAuth2AuthenticationException {@code invalid_request} when any rule is
	 * broken
	 */
	public JWTClaimsSet verify(RegisteredClient client, SignedJWT requestObject) {
		JWSHeader header = requestObject.getHeader();
		checkAlgorithm(client, header.getAlgorithm());
		checkType(header.getType());
		verifySignature(client, requestObject);
		JWTClaimsSet claims = claims(requestObject);
		checkIssuerAndAudience(client, claims);
		Instant expiresAt = checkTimes(claims);
		checkReplay(client, claims, expiresAt);
		return claims;
	}

	// CIBA Core §7.1.1 and §4: asymmetric algorithms only; a client that registered
	// backchannel_authentication_request_signing_alg must use exactly that one.
	private static void checkAlgorithm(RegisteredClient client, JWSAlgorithm algorithm) {
		String registered = CibaClientSettings.requestSigningAlgorithm(client);
		if (!CibaClientSettings.REQUEST_SIGNING_ALGORITHMS.contains(algorithm.getName())) {
			throw invalid("The request object's signing algorithm is not supported");
		}
		if (registered != null && !registered.equals(algorithm.getName())) {
			throw invalid("The request object must be signed with the client's registered algorithm");
		}
	}

	private static void checkType(JOSEObjectType type) {
		if (type != null && !TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
			throw invalid("The request object's typ header is not accepted");
		}
	}

	private void verifySignature(RegisteredClient client, SignedJWT requestObject) {
		for (JWK key : candidateKeys(client, requestObject)) {
			if (verifies(requestObject, key)) {
				return;
			}
		}
		throw invalid("The request object's signature does not verify with the client's keys");
	}

	private List<JWK> candidateKeys(RegisteredClient client, SignedJWT requestObject) {
		if (CibaClientSettings.jwks(client) == null && CibaClientSettings.jwksUri(client) == null) {
			throw invalid("The client has registered no keys for signed requests");
		}
		try {
			return this.keys.candidates(client, requestObject.getHeader());
		}
		catch (ClientKeysException ex) {
			// Keys are validated when a client is registered; unreadable or unreachable
			// keys are a fault of the client's registration, not of the request.
			logger.warn("The keys of client {} cannot be used: {}", client.getClientId(), ex.getMessage());
			throw invalid("The client's registered keys cannot be used");
		}
	}

	private static boolean verifies(SignedJWT requestObject, JWK key) {
		try {
			JWSVerifier verifier = (key instanceof ECKey ec) ? new ECDSAVerifier(ec) : new RSASSAVerifier((RSAKey) key);
			return requestObject.verify(verifier);
		}
		catch (JOSEException ex) {
			// A key that cannot check this signature does not verify it.
			return false;
		}
	}

	// RFC 7519 §4: a JWT with a repeated claim name must be refused or read by its last
	// member. The JWT library reads the last one silently, so a request object whose
	// payload repeats a member name anywhere (authorization_details included) is refused
	// here: what the client signed must have one meaning only.
	private static JWTClaimsSet claims(SignedJWT requestObject) {
		try {
			STRICT_JSON.readTree(requestObject.getPayload().toString());
		}
		catch (JacksonException ex) {
			throw invalid("The request object's claims are malformed or repeat a member name");
		}
		try {
			return requestObject.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw invalid("The request object's claims are malformed");
		}
	}

	// CIBA Core §7.1.1: iss is the client's own client_id; aud identifies this server
	// (the issuer, or the backchannel endpoint's URL), as a string or in an array.
	private void checkIssuerAndAudience(RegisteredClient client, JWTClaimsSet claims) {
		String issuerClaim = stringClaim(claims, "iss");
		if (!client.getClientId().equals(issuerClaim)) {
			throw invalid("The request object's iss must be the client's client_id");
		}
		List<String> audience = claims.getAudience();
		if (audience == null || audience.isEmpty()) {
			throw invalid("The request object has no aud claim");
		}
		if (!audience.contains(this.issuer) && !audience.contains(this.endpoint)) {
			throw invalid("The request object's aud must identify this server");
		}
	}

	// CIBA Core §7.1.1 makes exp, iat and nbf mandatory; the limits follow FAPI-CIBA.
	private Instant checkTimes(JWTClaimsSet claims) {
		Instant now = this.clock.instant();
		Instant expiresAt = instantClaim(claims, "exp");
		Instant issuedAt = instantClaim(claims, "iat");
		Instant notBefore = instantClaim(claims, "nbf");
		if (now.isAfter(expiresAt.plus(CLOCK_SKEW))) {
			throw invalid("The request object has expired");
		}
		if (issuedAt.isAfter(now.plus(CLOCK_SKEW)) || notBefore.isAfter(now.plus(CLOCK_SKEW))) {
			throw invalid("The request object's iat or nbf is in the future");
		}
		if (notBefore.isBefore(now.minus(MAX_NBF_AGE))) {
			throw invalid("The request object's nbf is more than 60 minutes in the past");
		}
		if (!expiresAt.isAfter(notBefore) || Duration.between(notBefore, expiresAt).compareTo(MAX_LIFETIME) > 0) {
			throw invalid("The request object's lifetime (exp - nbf) must be positive and at most 60 minutes");
		}
		return expiresAt;
	}

	// The jti is single use per client until the request object expires; only a hash
	// of the client and the jti is stored.
	private void checkReplay(RegisteredClient client, JWTClaimsSet claims, Instant expiresAt) {
		String jti = stringClaim(claims, "jti");
		if (jti == null || jti.isEmpty()) {
			throw invalid("The request object has no jti claim");
		}
		if (jti.length() > MAX_JTI_LENGTH) {
			throw invalid("The request object's jti is too long");
		}
		String hash = sha256(client.getId() + "\n" + jti);
		if (!this.jtis.markUsed(hash, expiresAt.plus(CLOCK_SKEW), this.clock.instant())) {
			throw invalid("The request object was already used (jti)");
		}
	}

	private static String stringClaim(JWTClaimsSet claims, String name) {
		try {
			return claims.getStringClaim(name);
		}
		catch (ParseException ex) {
			throw invalid("The request object's " + name + " claim must be a string");
		}
	}

	private static Instant instantClaim(JWTClaimsSet claims, String name) {
		Date value;
		try {
			value = claims.getDateClaim(name);
		}
		catch (ParseException ex) {
			throw invalid("The request object's " + name + " claim must be a number of seconds");
		}
		if (value == null) {
			throw invalid("The request object has no " + name + " claim");
		}
		return value.toInstant();
	}

	private static String sha256(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	private static OAuth2AuthenticationException invalid(String description) {
		return CibaErrors.authentication(OAuth2ErrorCodes.INVALID_REQUEST, description);
	}

}
