package dev.ciba.server.ciba;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.client.CibaClientSettings;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Keys, clients and request objects for the unit tests of signed authentication requests.
 */
final class TestRequestObjects {

	static final String ISSUER = "https://op.example.com";

	static final RSAKey CLIENT_RSA = rsa("client-rsa");

	static final RSAKey OTHER_CLIENT_RSA = rsa("client-rsa");

	static final ECKey CLIENT_EC = ec("client-ec");

	private TestRequestObjects() {
	}

	/**
	 * A CIBA client with the public half of the given keys and, if not {@code null}, a
	 * registered signing algorithm.
	 */
	static RegisteredClient client(String clientId, String algorithm, JWK... keys) {
		ClientSettings.Builder settings = ClientSettings.builder();
		if (keys.length > 0) {
			settings.setting(CibaClientSettings.JWKS, new JWKSet(List.of(keys)).toString());
		}
		if (algorithm != null) {
			settings.setting(CibaClientSettings.REQUEST_SIGNING_ALG, algorithm);
		}
		return RegisteredClient.withId("id-" + clientId)
			.clientId(clientId)
			.clientSecret("{noop}secret")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(new AuthorizationGrantType("urn:openid:params:grant-type:ciba"))
			.scope("openid")
			.clientSettings(settings.build())
			.build();
	}

	/**
	 * Valid claims of a request object by the client at the given time: five minutes of
	 * lifetime, a fresh jti.
	 */
	static JWTClaimsSet.Builder claims(String clientId, Instant now) {
		return new JWTClaimsSet.Builder().issuer(clientId)
			.audience(ISSUER)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.claim("scope", "openid")
			.claim("login_hint", "alice");
	}

	static SignedJWT sign(JWSAlgorithm algorithm, JWK key, JOSEObjectType type, JWTClaimsSet claims) {
		JWSHeader header = new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(signer(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt;
	}

	static SignedJWT sign(JWSAlgorithm algorithm, JWK key, JWTClaimsSet claims) {
		return sign(algorithm, key, null, claims);
	}

	private static JWSSigner signer(JWK key) throws JOSEException {
		return (key instanceof ECKey ec) ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
	}

	private static RSAKey rsa(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey ec(String keyId) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(keyId).keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
