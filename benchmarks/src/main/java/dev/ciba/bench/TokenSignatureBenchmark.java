package dev.ciba.bench;

import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one token signature as our server makes it: RS256 with a 2048-bit RSA key
 * (the key {@code StoredSigningKeys} generates and keeps in the database), through Nimbus
 * JOSE + JWT as Spring Authorization Server's encoder does, over the claims of an access
 * token. A complete flow signs two tokens (the access token and the ID token), so one
 * core can finish at most {@code 1 / (2 * signature time)} flows per second; the report
 * sets our throughput against that bound. For scale it also times the check of a device
 * answer signed with ES256, which the server does once per pull and once per answer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenSignatureBenchmark {

	private RSASSASigner signer;

	private JWSHeader header;

	private JWTClaimsSet claims;

	private ECDSAVerifier deviceVerifier;

	private SignedJWT deviceAnswer;

	@Setup
	public void setUp() throws JOSEException {
		RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
			.algorithm(JWSAlgorithm.RS256)
			.generate();
		this.signer = new RSASSASigner(key);
		this.header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build();
		Date now = new Date();
		this.claims = new JWTClaimsSet.Builder().issuer("http://127.0.0.1:18080")
			.subject("c_3q2-7wQd0xJ8m1PZ0oRkVw")
			.audience(List.of("bench-poll"))
			.issueTime(now)
			.notBeforeTime(now)
			.expirationTime(new Date(now.getTime() + 300_000))
			.jwtID(UUID.randomUUID().toString())
			.claim("scope", List.of("openid"))
			.build();

		ECKey device = new ECKeyGenerator(Curve.P_256).generate();
		this.deviceVerifier = new ECDSAVerifier(device.toPublicJWK());
		this.deviceAnswer = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).build(),
				new JWTClaimsSet.Builder().claim("pushAuthId", UUID.randomUUID().toString())
					.claim("challenge", UUID.randomUUID().toString())
					.claim("response", "APPROVED")
					.expirationTime(new Date(now.getTime() + 300_000))
					.build());
		this.deviceAnswer.sign(new ECDSASigner(device));
	}

	@Benchmark
	public String signAccessTokenRs256() throws JOSEException {
		SignedJWT jwt = new SignedJWT(this.header, this.claims);
		jwt.sign(this.signer);
		return jwt.serialize();
	}

	@Benchmark
	public boolean verifyDeviceAnswerEs256() throws JOSEException {
		return this.deviceAnswer.verify(this.deviceVerifier);
	}

}
