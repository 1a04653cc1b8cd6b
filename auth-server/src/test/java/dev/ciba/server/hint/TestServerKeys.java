package dev.ciba.server.hint;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.config.CibaProperties;

/**
 * The server's signing key and a stranger's key with the same key id, and tokens signed
 * with either, for the unit tests of the hints.
 */
final class TestServerKeys {

	static final String ISSUER = "https://op.example.com";

	static final RSAKey SERVER_KEY = rsa("server-key");

	static final RSAKey FOREIGN_KEY = rsa("server-key");

	private TestServerKeys() {
	}

	static ServerSignedJwts jwts() {
		return new ServerSignedJwts(new ImmutableJWKSet<>(new JWKSet(SERVER_KEY)));
	}

	static CibaProperties properties() {
		CibaProperties properties = new CibaProperties();
		properties.setIssuer(ISSUER);
		return properties;
	}

	/**
	 * Claims shaped as Spring Authorization Server shapes an ID token for the client.
	 */
	static JWTClaimsSet.Builder idTokenClaims(String clientId, String subject, Instant issuedAt) {
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(subject)
			.audience(List.of(clientId))
			.claim("azp", clientId)
			.issueTime(Date.from(issuedAt))
			.expirationTime(Date.from(issuedAt.plusSeconds(1800)))
			.jwtID(UUID.randomUUID().toString());
	}

	static String sign(RSAKey key, JOSEObjectType type, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(type).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private static RSAKey rsa(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
