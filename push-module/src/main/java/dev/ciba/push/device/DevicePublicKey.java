package dev.ciba.push.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

import com.nimbusds.jose.crypto.utils.ECChecks;
import com.nimbusds.jose.jwk.Curve;

/**
 * A device's public key, checked when the device registers: RSA of at least 2048 bits or
 * EC on P-256, nothing else (RSA from 1024 bits for generation-1 devices, see
 * {@link #MIN_WSO2_V1_RSA_BITS}).
 *
 * @param key the key
 * @param type its type, which pins the algorithm of the device's tokens
 */
public record DevicePublicKey(PublicKey key, DeviceKeyType type) {

	/**
	 * The smallest RSA modulus accepted.
	 */
	public static final int MIN_RSA_BITS = 2048;

	/**
	 * The smallest RSA modulus accepted from a device of generation 1 of the protocol,
	 * and only while its compatibility profile is on: the WSO2 React Native SDK makes
	 * 1024-bit keys.
	 */
	public static final int MIN_WSO2_V1_RSA_BITS = 1024;

	/**
	 * The largest RSA modulus accepted; bigger keys only cost verification time.
	 */
	public static final int MAX_RSA_BITS = 8192;

	private static final BigInteger MIN_RSA_EXPONENT = BigInteger.valueOf(65537);

	private static final Pattern WHITESPACE = Pattern.compile("\\s");

	/**
	 * Parses a base64 DER SubjectPublicKeyInfo (a PEM body without its header lines).
	 * @throws InvalidDeviceKeyException if it is not a key we accept
	 */
	public static DevicePublicKey parse(String base64Der) throws InvalidDeviceKeyException {
		return parse(base64Der, MIN_RSA_BITS);
	}

	/**
	 * Parses a base64 DER SubjectPublicKeyInfo, accepting RSA keys from
	 * {@code minRsaBits} bits.
	 * @throws InvalidDeviceKeyException if it is not a key we accept
	 */
	public static DevicePublicKey parse(String base64Der, int minRsaBits) throws InvalidDeviceKeyException {
		byte[] der = decodeBase64(base64Der);
		PublicKey key = decodeKey(der);
		if (key instanceof RSAPublicKey rsa) {
			return new DevicePublicKey(rsa, checkRsa(rsa, minRsaBits));
		}
		if (key instanceof ECPublicKey ec) {
			return new DevicePublicKey(ec, checkEc(ec));
		}
		throw new InvalidDeviceKeyException("The public key is neither RSA nor EC");
	}

	/**
	 * Parses a key that was checked when the device registered, against the rules of its
	 * protocol generation (so RSA keys from {@value #MIN_WSO2_V1_RSA_BITS} bits pass
	 * here).
	 * @throws IllegalStateException if the stored key no longer parses as its type
	 */
	public static DevicePublicKey parseStored(String base64Der, DeviceKeyType expectedType) {
		try {
			DevicePublicKey key = parse(base64Der, MIN_WSO2_V1_RSA_BITS);
			if (key.type() != expectedType) {
				throw new IllegalStateException("The stored key does not match its stored type");
			}
			return key;
		}
		catch (InvalidDeviceKeyException ex) {
			throw new IllegalStateException("The stored key is not valid: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The key as stored: standard base64 of its DER SubjectPublicKeyInfo.
	 */
	public String encoded() {
		return Base64.getEncoder().encodeToString(this.key.getEncoded());
	}

	/**
	 * Whether {@code signature} is this key's signature over the UTF-8 bytes of
	 * {@code text} (SHA256withRSA, or SHA256withECDSA in DER form).
	 */
	public boolean verifies(String text, byte[] signature) {
		try {
			Signature verifier = Signature.getInstance(this.type.signatureAlgorithm());
			verifier.initVerify(this.key);
			verifier.update(text.getBytes(StandardCharsets.UTF_8));
			return verifier.verify(signature);
		}
		catch (java.security.SignatureException ex) {
			// A malformed signature (bad DER, for example) does not verify.
			return false;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot verify " + this.type.signatureAlgorithm() + " signatures", ex);
		}
	}

	private static byte[] decodeBase64(String base64Der) throws InvalidDeviceKeyException {
		try {
			return Base64.getDecoder().decode(WHITESPACE.matcher(base64Der).replaceAll(""));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidDeviceKeyException("The public key is not base64");
		}
	}

	private static PublicKey decodeKey(byte[] der) throws InvalidDeviceKeyException {
		for (String algorithm : new String[] { "RSA", "EC" }) {
			try {
				return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
			}
			catch (InvalidKeySpecException ex) {
				// Not a key of this algorithm; try the next one.
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("The " + algorithm + " key factory is missing", ex);
			}
		}
		throw new InvalidDeviceKeyException("The public key is not a DER SubjectPublicKeyInfo of an RSA or EC key");
	}

	private static DeviceKeyType checkRsa(RSAPublicKey rsa, int minBits) throws InvalidDeviceKeyException {
		int bits = rsa.getModulus().bitLength();
		if (bits < minBits || bits > MAX_RSA_BITS) {
			throw new InvalidDeviceKeyException("The RSA key must have " + minBits + " to " + MAX_RSA_BITS + " bits");
		}
		// Small or even public exponents (e = 3 and the like) invite known attacks on
		// PKCS#1 v1.5 signature
		// checks; every key generator in use today picks 65537.
		BigInteger exponent = rsa.getPublicExponent();
		if (exponent.compareTo(MIN_RSA_EXPONENT) < 0 || !exponent.testBit(0)) {
			throw new InvalidDeviceKeyException("The RSA key's public exponent must be odd and at least 65537");
		}
		return DeviceKeyType.RSA;
	}

	private static DeviceKeyType checkEc(ECPublicKey ec) throws InvalidDeviceKeyException {
		if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
			throw new InvalidDeviceKeyException("The EC key must be on the curve P-256");
		}
		if (!ECChecks.isPointOnCurve(ec, Curve.P_256.toECParameterSpec())) {
			throw new InvalidDeviceKeyException("The EC key is not a point on P-256");
		}
		return DeviceKeyType.EC_P256;
	}

}
