package dev.ciba.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed TLS certificate for a notification receiver on 127.0.0.1, made with the
 * JDK's {@code keytool}: a key store for the receiver, and a trust store holding only the
 * certificate, for the server's {@code javax.net.ssl.trustStore}. The certificate names
 * {@code IP:127.0.0.1}, so that the server's host name check passes for
 * {@code https://127.0.0.1:<port>/...}.
 */
final class ReceiverCertificate {

	private static final String ALIAS = "notification-receiver";

	private static final String TYPE = "PKCS12";

	private final Path keyStore;

	private final Path trustStore;

	private final String password;

	private ReceiverCertificate(Path keyStore, Path trustStore, String password) {
		this.keyStore = keyStore;
		this.trustStore = trustStore;
		this.password = password;
	}

	/**
	 * Generates the key pair and certificate, valid for two days, in {@code directory}.
	 */
	static ReceiverCertificate generate(Path directory) throws IOException {
		byte[] secret = new byte[16];
		new SecureRandom().nextBytes(secret);
		String password = HexFormat.of().formatHex(secret);
		Path keyStore = directory.resolve("receiver-keys.p12");
		Path certificate = directory.resolve("receiver.cer");
		Path trustStore = directory.resolve("receiver-trust.p12");
		Keytool.run(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
				"SHA256withECDSA", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore",
				keyStore.toString(), "-storetype", TYPE, "-storepass", password, "-keypass", password));
		Keytool.run(List.of("-exportcert", "-alias", ALIAS, "-keystore", keyStore.toString(), "-storetype", TYPE,
				"-storepass", password, "-file", certificate.toString()));
		Keytool.run(List.of("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(), "-keystore",
				trustStore.toString(), "-storetype", TYPE, "-storepass", password));
		return new ReceiverCertificate(keyStore, trustStore, password);
	}

	/**
	 * The receiver's TLS context, serving the certificate.
	 */
	SSLContext serverContext() throws IOException {
		try (InputStream in = Files.newInputStream(this.keyStore)) {
			KeyStore keys = KeyStore.getInstance(TYPE);
			keys.load(in, this.password.toCharArray());
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(keys, this.password.toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(factory.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The generated key store cannot be read", ex);
		}
	}

	/**
	 * JVM options that make the certificate the only one the server trusts.
	 */
	List<String> trustStoreJvmOptions() {
		return List.of("-Djavax.net.ssl.trustStore=" + this.trustStore, "-Djavax.net.ssl.trustStoreType=" + TYPE,
				"-Djavax.net.ssl.trustStorePassword=" + this.password);
	}

}
