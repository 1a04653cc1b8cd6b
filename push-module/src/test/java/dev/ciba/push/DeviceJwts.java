package dev.ciba.push;

import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Device-signed JWTs as phones make them.
 */
public final class DeviceJwts {

	private DeviceJwts() {
	}

	/**
	 * Signs claims with the device key: RS256 for RSA, ES256 for EC, header
	 * {@code deviceId} unless it is {@code null}.
	 */
	public static String sign(KeyPair keyPair, String deviceId, JWTClaimsSet claims) {
		boolean rsa = keyPair.getPrivate() instanceof RSAPrivateKey;
		return sign(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256, signer(keyPair), deviceId, claims);
	}

	public static String sign(JWSAlgorithm algorithm, JWSSigner signer, String deviceId, JWTClaimsSet claims) {
		JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT);
		if (deviceId != null) {
			header.customParam("deviceId", deviceId);
		}
		SignedJWT jwt = new SignedJWT(header.build(), claims);
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	public static JWSSigner signer(KeyPair keyPair) {
		try {
			if (keyPair.getPrivate() instanceof RSAPrivateKey rsa) {
				return new RSASSASigner(rsa);
			}
			return new ECDSASigner((ECPrivateKey) keyPair.getPrivate());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer as the WSO2 SDKs send it: no {@code iat}, no {@code jti}, 600 s to live.
	 */
	public static String answer(KeyPair keyPair, String deviceId, String pushAuthId, String challenge, String response,
			Instant now) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("pushAuthId", pushAuthId)
			.claim("challenge", challenge)
			.claim("response", response)
			.expirationTime(Date.from(now.plusSeconds(600)))
			.build();
		return sign(keyPair, deviceId, claims);
	}

	/**
	 * An answer as the device simulator sends it: {@code iat}, {@code jti} and 300 s to
	 * live, no {@code purpose}.
	 */
	public static String timedAnswer(KeyPair keyPair, String deviceId, String pushAuthId, String challenge,
			String response, Instant now) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("pushAuthId", pushAuthId)
			.claim("challenge", challenge)
			.claim("response", response)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		return sign(keyPair, deviceId, claims);
	}

	/**
	 * A token for the pending-request pull.
	 */
	public static String pending(KeyPair keyPair, String deviceId, Instant now) {
		return sign(keyPair, deviceId, claims("pending", now, Duration.ofSeconds(120)).build());
	}

	/**
	 * Claims with {@code purpose}, {@code iat}, {@code exp} and a random {@code jti}.
	 */
	public static JWTClaimsSet.Builder claims(String purpose, Instant now, Duration lifetime) {
		return new JWTClaimsSet.Builder().claim("purpose", purpose)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)))
			.jwtID(UUID.randomUUID().toString());
	}

}
