package dev.ciba.simulator;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks device JWTs the way the server would.
 */
final class TestJwts {

	private TestJwts() {
	}

	/**
	 * Parses the JWT and asserts that its signature verifies with the key.
	 */
	static Verified verify(String jwt, PublicKey key) throws ParseException, JOSEException {
		JWSObject jws = JWSObject.parse(jwt);
		JWSVerifier verifier = (key instanceof RSAPublicKey rsa) ? new RSASSAVerifier(rsa)
				: new ECDSAVerifier((ECPublicKey) key);
		assertThat(jws.verify(verifier)).as("signature verifies").isTrue();
		return new Verified(jws.getHeader().toJSONObject(), jws.getPayload().toJSONObject());
	}

	record Verified(Map<String, Object> header, Map<String, Object> claims) {
	}

}
