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
	RSA("RSA", "SHA256withRSA", JWSAlgorithm.RS256),

	/**
	 * EC on the P-256 curve, signing registrations with SHA256withECDSA (DER) and JWTs
	 * with ES256.
	 */
	EC("EC", "SHA256withECDSA", JWSAlgorithm.ES256);

	private static final int RSA_KEY_SIZE = 2048;

	private static final String EC_CURVE = "secp256r1";

	private final String keyAlgorithm;

	private final String signatureAlgorithm;

	private final JWSAlgorithm jwsAlgorithm;

	KeyType(String keyAlgorithm, String signatureAlgorithm, JWSAlgorithm jwsAlgorithm) {
		this.keyAlgorithm = keyAlgorithm;
		this.signatureAlgorithm = signatureAlgorithm;
		this.jwsAlgorithm = jwsAlgorithm;
	}

	/**
	 * The key type a user typed, such as {@code rsa} or {@code EC}.
	 * @param name the name, in any case
	 * @return the key type
	 * @throws IllegalArgumentException if the name is neither {@code rsa} nor {@code ec}
	 */
	public static KeyType fromName(String name) {
		for (KeyType type : values()) {
			if (type.name().equals(name.toUpperCase(Locale.ROOT))) {
				return type;
			}
		}
		throw new IllegalArgumentException("key type must be rsa or ec");
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
			if (this == RSA) {
				generator.initialize(RSA_KEY_SIZE);
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
