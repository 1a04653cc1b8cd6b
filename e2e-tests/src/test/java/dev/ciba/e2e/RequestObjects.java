package dev.ciba.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signed authentication requests (CIBA Core §7.1.1) as the conformance suite sends them:
 * {@code iss} the client, {@code aud} the issuer, {@code iat} and {@code nbf} now,
 * {@code exp} in five minutes, a random {@code jti}, scope {@code openid profile},
 * {@code login_hint} alice and {@code binding_message} "1234". Tests change one thing at
 * a time.
 */
final class RequestObjects {

	static final JOSEObjectType AUTHORIZATION_REQUEST_TYPE = new JOSEObjectType("oauth-authz-req+jwt");

	private RequestObjects() {
	}

	/**
	 * The default claims, at {@code now}.
	 */
	static JWTClaimsSet.Builder claims(SuiteClient client, String issuer) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(client.clientId())
			.audience(issuer)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.jwtID(ConformanceClient.randomToken())
			.claim("scope", "openid profile")
			.claim("login_hint", Phones.USERNAME)
			.claim("binding_message", "1234");
	}

	/**
	 * Signs with the key, naming its {@code kid}, without a {@code typ}.
	 */
	static SignedJWT sign(JWTClaimsSet claims, RSAKey key, JWSAlgorithm algorithm) {
		return sign(claims, key, algorithm, null);
	}

	/**
	 * Signs with the key, naming its {@code kid}.
	 * @param type the {@code typ} header, or {@code null} for none
	 */
	static SignedJWT sign(JWTClaimsSet claims, RSAKey key, JWSAlgorithm algorithm, JOSEObjectType type) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign the request object", ex);
		}
		return jwt;
	}

}
