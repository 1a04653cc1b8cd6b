package dev.ciba.push;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.opts.AllowWeakRSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Device JWTs of generation 1 of the WSO2 protocol as its React Native SDK makes them:
 * header {@code alg} = RS256 and {@code did} only; claims {@code jti}, {@code sub},
 * {@code iss} = {@code wso2verify}, {@code aud}, {@code nbf}, {@code iat} and {@code exp}
 * an hour later.
 */
public final class Wso2V1Jwts {

	/**
	 * The SDK's token lifetime.
	 */
	public static final Duration SDK_LIFETIME = Duration.ofHours(1);

	private Wso2V1Jwts() {
	}

	/**
	 * The claims every SDK token carries, for a device of {@code username} at the
	 * fixture's server and tenant.
	 */
	public static JWTClaimsSet.Builder claims(String audience, Instant now, Duration lifetime) {
		return new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
			.subject("alice@" + PushModuleFixture.TENANT)
			.issuer("wso2verify")
			.audience(audience)
			.notBeforeTime(Date.from(now))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)));
	}

	/**
	 * An answer: {@code sid}, {@code chg}, {@code res}.
	 */
	public static JWTClaimsSet.Builder answerClaims(String audience, String sid, String chg, String res, Instant now) {
		return claims(audience, now, SDK_LIFETIME).claim("sid", sid).claim("chg", chg).claim("res", res);
	}

	/**
	 * A remove token: {@code act} = {@code REMOVE}.
	 */
	public static JWTClaimsSet.Builder removeClaims(String audience, Instant now) {
		return claims(audience, now, SDK_LIFETIME).claim("act", "REMOVE");
	}

	/**
	 * Our pending pull in generation-1 form: {@code purpose} = {@code pending}, two
	 * minutes.
	 */
	public static JWTClaimsSet.Builder pendingClaims(String audience, Instant now) {
		return claims(audience, now, Duration.ofSeconds(120)).claim("purpose", "pending");
	}

	/**
	 * Signs with RS256 under the header {@code did} (left out when {@code null}).
	 */
	public static String sign(KeyPair keyPair, String did, JWTClaimsSet claims) {
		JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256);
		if (did != null) {
			header.customParam("did", did);
		}
		SignedJWT jwt = new SignedJWT(header.build(), claims);
		try {
			jwt.sign(signer(keyPair));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	/**
	 * An RS256 signer that also takes the SDK's 1024-bit keys (Nimbus refuses keys under
	 * 2048 bits unless told otherwise).
	 */
	public static JWSSigner signer(KeyPair keyPair) {
		return new RSASSASigner(keyPair.getPrivate(), Set.of(AllowWeakRSAKey.getInstance()));
	}

}
