package dev.ciba.push.device;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The key types a device may register, each pinned to the one JWS algorithm its tokens
 * must use.
 */
public enum DeviceKeyType {

	/**
	 * RSA of at least {@link DevicePublicKey#MIN_RSA_BITS} bits: RS256 tokens,
	 * SHA256withRSA registration signatures.
	 */
	RSA(JWSAlgorithm.RS256, "SHA256withRSA"),

	/**
	 * EC on P-256: ES256 tokens, SHA256withECDSA (DER) registration signatures.
	 */
	EC_P256(JWSAlgorithm.ES256, "SHA256withECDSA");

	private final JWSAlgorithm jwsAlgorithm;

	private final String signatureAlgorithm;

	DeviceKeyType(JWSAlgorithm jwsAlgorithm, String signatureAlgorithm) {
		this.jwsAlgorithm = jwsAlgorithm;
		this.signatureAlgorithm = signatureAlgorithm;
	}

	/**
	 * The only JWS algorithm accepted for tokens of this key type.
	 */
	public JWSAlgorithm jwsAlgorithm() {
		return this.jwsAlgorithm;
	}

	/**
	 * The JCA name of the registration signature.
	 */
	public String signatureAlgorithm() {
		return this.signatureAlgorithm;
	}

	/**
	 * The key type stored for a device: the name of its JWS algorithm.
	 */
	public static DeviceKeyType forJwsAlgorithm(String name) {
		for (DeviceKeyType type : values()) {
			if (type.jwsAlgorithm.getName().equals(name)) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown key algorithm");
	}

}
