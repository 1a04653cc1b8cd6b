package dev.ciba.e2e;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;

/**
 * {@code private_key_jwt} client assertions (RFC 7523) built claim by claim, for the
 * assertions Nimbus' {@code PrivateKeyJWT} would not make: expired, of another issuer,
 * without {@code jti}, and so on. Sent as raw form fields.
 */
final class ClientAssertions {

	static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	private ClientAssertions() {
	}

	/**
	 * The claims of a valid assertion: {@code iss} and {@code sub} the client,
	 * {@code aud} the audience, a random {@code jti}, issued now, valid for a minute.
	 */
	static JWTClaimsSet.Builder claims(SuiteClient client, URI audience) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(client.clientId())
			.subject(client.clientId())
			.audience(audience.toString())
			.jwtID(ConformanceClient.randomToken())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(1))));
	}

	/**
	 * The form fields of client authentication with the assertion, signed with the key.
	 */
	static Map<String, String> fields(SuiteClient client, JWTClaimsSet claims, RSAKey key, JWSAlgorithm algorithm) {
		return fields(client, RequestObjects.sign(claims, key, algorithm).serialize());
	}

	/**
	 * The form fields of client authentication with an assertion as given.
	 */
	static Map<String, String> fields(SuiteClient client, String assertion) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("client_id", client.clientId());
		fields.put("client_assertion_type", ASSERTION_TYPE);
		fields.put("client_assertion", assertion);
		return fields;
	}

}
