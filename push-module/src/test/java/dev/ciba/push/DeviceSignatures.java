package dev.ciba.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;

/**
 * Registration signatures as a phone makes them.
 */
public final class DeviceSignatures {

	private DeviceSignatures() {
	}

	/**
	 * Base64 SHA256withRSA or SHA256withECDSA (DER) over the UTF-8 text.
	 */
	public static String sign(KeyPair keyPair, String text) {
		String algorithm = (keyPair.getPrivate() instanceof RSAPrivateKey) ? "SHA256withRSA" : "SHA256withECDSA";
		try {
			Signature signature = Signature.getInstance(algorithm);
			signature.initSign(keyPair.getPrivate());
			signature.update(text.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
