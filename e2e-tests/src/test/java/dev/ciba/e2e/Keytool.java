package dev.ciba.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The JDK's {@code keytool}, for the keys and certificates the tests need: the JDK has no
 * public API that makes an X.509 certificate.
 */
final class Keytool {

	private Keytool() {
	}

	/**
	 * An RSA key pair of 2048 bits as a JWK with a self-signed certificate in
	 * {@code x5c}, as the OpenID Foundation's suite registers its clients' keys.
	 */
	static RSAKey certifiedRsaKey(Path directory, String keyId) throws IOException {
		Path store = Files.createTempFile(directory, "certified-key-", ".p12");
		Files.delete(store);
		String password = ConformanceClient.randomToken();
		run(List.of("-genkeypair", "-alias", keyId, "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA",
				"-dname", "CN=" + keyId, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
				"-storepass", password, "-keypass", password));
		try (InputStream in = Files.newInputStream(store)) {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(in, password.toCharArray());
			RSAKey loaded = RSAKey.load(keys, keyId, password.toCharArray());
			return new RSAKey.Builder(loaded).keyID(keyId).keyUse(KeyUse.SIGNATURE).build();
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException("The generated key store cannot be read", ex);
		}
	}

	/**
	 * Runs {@code keytool} with the arguments and fails with its output if it fails.
	 */
	static void run(List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(arguments);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException("keytool " + arguments.get(0) + " failed: " + output);
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while running keytool", ex);
		}
	}

}
