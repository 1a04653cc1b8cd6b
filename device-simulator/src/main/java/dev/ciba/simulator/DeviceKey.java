package dev.ciba.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.opts.AllowWeakRSAKey;

/**
 * A device's key pair: it signs the registration challenge and every JWT the device
 * sends. The private key never leaves the phone except into its own state file.
 */
public final class DeviceKey {

	private static final String PROBE_TEXT = "device-simulator key check";

	private final KeyType type;

	private final KeyPair keyPair;

	private DeviceKey(KeyType type, KeyPair keyPair) {
		this.type = type;
		this.keyPair = keyPair;
	}

	/**
	 * A fresh key pair: RSA 2048 (or 1024 for generation 1) or EC P-256.
	 * @param type the kind of key
	 * @return the new key
	 */
	public static DeviceKey generate(KeyType type) {
		return new DeviceKey(type, type.generateKeyPair());
	}

	/**
	 * A key pair read back from its encoded halves, checked to belong together.
	 * @param type the kind of key
	 * @param privateKey standard base64 of the PKCS#8 private key
	 * @param publicKey standard base64 of the DER SubjectPublicKeyInfo
	 * @return the key
	 * @throws IllegalArgumentException if either half cannot be read or they do not match
	 */
	public static DeviceKey fromEncoded(KeyType type, String privateKey, String publicKey) {
		KeyPair keyPair;
		try {
			KeyFactory factory = KeyFactory.getInstance(type.keyAlgorithm());
			PrivateKey privateHalf = factory.generatePrivate(new PKCS8EncodedKeySpec(decode(privateKey)));
			PublicKey publicHalf = factory.generatePublic(new X509EncodedKeySpec(decode(publicKey)));
			keyPair = new KeyPair(publicHalf, privateHalf);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("the saved " + type + " key cannot be read", ex);
		}
		DeviceKey key = new DeviceKey(type, keyPair);
		key.checkHalvesMatch();
		return key;
	}

	/**
	 * The kind of key.
	 */
	public KeyType type() {
		return this.type;
	}

	/**
	 * The public half.
	 */
	public PublicKey publicKey() {
		return this.keyPair.getPublic();
	}

	/**
	 * The private half.
	 */
	public PrivateKey privateKey() {
		return this.keyPair.getPrivate();
	}

	/**
	 * The public key as the server wants it: standard base64 of the DER
	 * SubjectPublicKeyInfo.
	 */
	public String encodedPublicKey() {
		return Base64.getEncoder().encodeToString(publicKey().getEncoded());
	}

	/**
	 * The private key as standard base64 of its PKCS#8 encoding, for the state file.
	 */
	public String encodedPrivateKey() {
		return Base64.getEncoder().encodeToString(privateKey().getEncoded());
	}

	/**
	 * Signs UTF-8 text with SHA256withRSA or SHA256withECDSA (DER form).
	 * @param text the text to sign
	 * @return the signature in standard base64
	 */
	public String sign(String text) {
		try {
			Signature signature = Signature.getInstance(this.type.signatureAlgorithm());
			signature.initSign(privateKey());
			signature.update(text.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot sign with the device key", ex);
		}
	}

	/**
	 * Signs a compact JWS with this key. The header must name {@code alg}; any other
	 * entries ({@code typ}, {@code deviceId}, custom ones) are taken as given, so tests
	 * can send what a well-behaved phone would not.
	 * @param header the JOSE header parameters
	 * @param claims the claims; give times as epoch seconds
	 * @return the compact serialisation
	 * @throws IllegalArgumentException if the header is not a JWS header or its algorithm
	 * does not fit this key
	 */
	public String signJwt(Map<String, Object> header, Map<String, Object> claims) {
		try {
			JWSObject jws = new JWSObject(JWSHeader.parse(new LinkedHashMap<>(header)),
					new Payload(new LinkedHashMap<>(claims)));
			jws.sign(signer());
			return jws.serialize();
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("not a JWS header: " + ex.getMessage(), ex);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("cannot sign with a " + this.type + " key: " + ex.getMessage(), ex);
		}
	}

	private JWSSigner signer() throws JOSEException {
		if (this.type == KeyType.EC) {
			return new ECDSASigner((ECPrivateKey) privateKey());
		}
		if (this.type == KeyType.RSA_1024) {
			// Nimbus refuses RSA keys under 2048 bits unless told that they are wanted.
			return new RSASSASigner(privateKey(), Set.of(AllowWeakRSAKey.getInstance()));
		}
		return new RSASSASigner(privateKey());
	}

	private void checkHalvesMatch() {
		try {
			Signature verifier = Signature.getInstance(this.type.signatureAlgorithm());
			verifier.initVerify(publicKey());
			verifier.update(PROBE_TEXT.getBytes(StandardCharsets.UTF_8));
			if (!verifier.verify(decode(sign(PROBE_TEXT)))) {
				throw new IllegalArgumentException("the saved public key does not belong to the saved private key");
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("the saved " + this.type + " key cannot be checked", ex);
		}
	}

	private static byte[] decode(String base64) {
		return Base64.getDecoder().decode(base64);
	}

}
