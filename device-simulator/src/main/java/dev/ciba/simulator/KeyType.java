package dev.ciba.simulator;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The kinds of device key the server accepts, each with the one algorithm it is pinned
 * to.
 */
public enum KeyType {

	/**
	 * RSA 2048, signing registrations with SHA256withRSA and JWTs with RS256.
	 */
	RSA("RSA", "SHA256withRSA", JWSAlgorithm.RS256, 2048),

	/**
	 * RSA 1024, as the React Native SDK of generation 1 of the WSO2 protocol makes them;
	 * the server takes them only from generation-1 phones while its compatibility profile
	 * is on.
	 */
	RSA_1024("RSA", "SHA256withRSA", JWSAlgorithm.RS256, 1024),

	/**
	 * EC on the P-256 curve, signing registrations with SHA256withECDSA (DER) and JWTs
	 * with ES256.
	 */
	EC("EC", "SHA256withECDSA", JWSAlgorithm.ES256, 0);

	private static final String EC_CURVE = "secp256r1";

	private final String keyAlgorithm;

	private final String signatureAlgorithm;

	private final JWSAlgorithm jwsAlgorithm;

	private final int rsaKeySize;

	KeyType(String keyAlgorithm, String signatureAlgorithm, JWSAlgorithm jwsAlgorithm, int rsaKeySize) {
		this.keyAlgorithm = keyAlgorithm;
		this.signatureAlgorithm = signatureAlgorithm;
		this.jwsAlgorithm = jwsAlgorithm;
		this.rsaKeySize = rsaKeySize;
	}

	/**
	 * The key type a user typed, such as {@code rsa}, {@code rsa-1024} or {@code EC}.
	 * @param name the name, in any case
	 * @return the key type
	 * @throws IllegalArgumentException if the name is none of {@code rsa},
	 * {@code rsa-1024} and {@code ec}
	 */
	public static KeyType fromName(String name) {
		String wanted = name.toUpperCase(Locale.ROOT).replace('-', '_');
		for (KeyType type : values()) {
			if (type.name().equals(wanted)) {
				return type;
			}
		}
		throw new IllegalArgumentException("key type must be rsa, rsa-1024 or ec");
	}

	/**
	 * Whether this is an RSA key (of either size).
	 */
	public boolean isRsa() {
		return this.rsaKeySize > 0;
	}

	/**
	 * The JCA name of the key algorithm: {@code RSA} or {@code EC}.
	 */
	public String keyAlgorithm() {
		return this.keyAlgorithm;
	}

	/**
	 * The JCA signature algorithm used for the registration signature.
	 */
	public String signatureAlgorithm() {
		return this.signatureAlgorithm;
	}

	/**
	 * The JWS algorithm the server pins to this key type.
	 */
	public JWSAlgorithm jwsAlgorithm() {
		return this.jwsAlgorithm;
	}

	KeyPair generateKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(this.keyAlgorithm);
			if (isRsa()) {
				generator.initialize(this.rsaKeySize);
			}
			else {
				generator.initialize(new ECGenParameterSpec(EC_CURVE));
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This Java runtime cannot generate " + this + " keys", ex);
		}
	}

}
