package dev.ciba.push;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * Key pairs for tests, generated once per run.
 */
public final class TestKeys {

	public static final KeyPair RSA_2048 = rsa(2048);

	public static final KeyPair RSA_2048_OTHER = rsa(2048);

	public static final KeyPair RSA_1024 = rsa(1024);

	public static final KeyPair EC_P256 = ec("secp256r1");

	public static final KeyPair EC_P256_OTHER = ec("secp256r1");

	public static final KeyPair EC_P384 = ec("secp384r1");

	private TestKeys() {
	}

	/**
	 * The public key as a phone sends it: base64 DER SubjectPublicKeyInfo.
	 */
	public static String publicKeyBase64(KeyPair keyPair) {
		return Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
	}

	private static KeyPair rsa(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair ec(String curve) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec(curve));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
