package dev.ciba.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The extra configuration file of the conformance suite's server
 * ({@code --spring.config.additional-location}): the customers and the
 * {@link SuiteClient}s, with the clients' public keys and notification endpoints. Lists
 * in it replace the demo profile's, so the demo client and customer are listed again.
 */
final class ConformanceConfiguration {

	/** A customer without any phone: requests for her are refused. */
	static final String CUSTOMER_WITHOUT_PHONE = "carol";

	private ConformanceConfiguration() {
	}

	/**
	 * A fresh RSA signing key for every suite client that signs (requests or client
	 * assertions), named {@code <clientId>-rsa-1}.
	 */
	static Map<SuiteClient, RSAKey> generateClientKeys() throws JOSEException {
		Map<SuiteClient, RSAKey> keys = new EnumMap<>(SuiteClient.class);
		for (SuiteClient client : SuiteClient.values()) {
			if (client.hasKeys()) {
				keys.put(client,
						new RSAKeyGenerator(2048).keyID(client.clientId() + "-rsa-1")
							.keyUse(KeyUse.SIGNATURE)
							.generate());
			}
		}
		return keys;
	}

	/**
	 * Writes the file.
	 * @param file where to write it
	 * @param keys each client's key pair; only the public part is written
	 * @param receiver the notification endpoints' host
	 */
	static void write(Path file, Map<SuiteClient, RSAKey> keys, NotificationReceiver receiver) throws IOException {
		StringBuilder yaml = new StringBuilder();
		yaml.append("ciba:\n  seed:\n    customers:\n");
		customer(yaml, Phones.USERNAME, Phones.EMAIL, Phones.PASSWORD, "Alice Demo");
		customer(yaml, CUSTOMER_WITHOUT_PHONE, "carol@example.com", "carol-conformance-password-0123", "Carol");
		yaml.append("    clients:\n");
		for (SuiteClient client : SuiteClient.values()) {
			client(yaml, client, keys.get(client), receiver);
		}
		Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
	}

	private static void customer(StringBuilder yaml, String username, String email, String password,
			String displayName) {
		yaml.append("      - username: ").append(username).append('\n');
		yaml.append("        email: ").append(email).append('\n');
		yaml.append("        password: ").append(password).append('\n');
		yaml.append("        display-name: ").append(displayName).append('\n');
	}

	private static void client(StringBuilder yaml, SuiteClient client, RSAKey key, NotificationReceiver receiver) {
		yaml.append("      - client-id: ").append(client.clientId()).append('\n');
		yaml.append("        client-name: ").append(client.clientName()).append('\n');
		if (client.secret() != null) {
			yaml.append("        client-secret: ").append(client.secret()).append('\n');
		}
		if (client.usesPrivateKeyJwt()) {
			yaml.append("        authentication-methods: [private_key_jwt]\n");
			yaml.append("        token-endpoint-auth-signing-alg: ")
				.append(client.assertionSigningAlgorithm())
				.append('\n');
		}
		yaml.append("        scopes: ").append(list(client.scopes().stream())).append('\n');
		yaml.append("        grant-types: ").append(list(client.grantTypes().stream())).append('\n');
		yaml.append("        backchannel-token-delivery-mode: ").append(client.deliveryMode()).append('\n');
		if (client.notificationPath() != null) {
			yaml.append("        backchannel-client-notification-endpoint: ")
				.append(receiver.url(client.notificationPath()))
				.append('\n');
		}
		if (key != null) {
			// A JWK Set in JSON has no single quotes, so it fits a single-quoted YAML
			// string.
			yaml.append("        jwks: '").append(new JWKSet(key.toPublicJWK()).toString()).append("'\n");
		}
		if (client.requestSigningAlgorithm() != null) {
			yaml.append("        backchannel-authentication-request-signing-alg: ")
				.append(client.requestSigningAlgorithm())
				.append('\n');
		}
		if (client.requiresUserCodes()) {
			yaml.append("        backchannel-user-code-parameter: true\n");
		}
	}

	private static String list(Stream<String> values) {
		return values.map((value) -> "\"" + value + "\"").collect(Collectors.joining(", ", "[", "]"));
	}

}
