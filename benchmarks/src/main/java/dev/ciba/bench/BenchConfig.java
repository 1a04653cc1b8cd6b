package dev.ciba.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Writes the additional configuration our server starts with in the benchmark: the
 * customers {@code bench-1} to {@code bench-<n>} and the two clients. The customers'
 * password is stored already hashed ({@code {bcrypt}...}), so that seeding them at
 * start-up costs no bcrypt rounds and start-up time measures the server, not the seed.
 */
public final class BenchConfig {

	private BenchConfig() {
	}

	public static void main(String[] args) throws Exception {
		Options options = new Options(args);
		int customers = options.number("customers", 64);
		int pingPort = options.number("ping-port", 18091);
		Path out = Path.of(options.required("out"));
		String hash = "{bcrypt}" + BCrypt.hashpw(OurServer.PASSWORD, BCrypt.gensalt());

		StringBuilder yaml = new StringBuilder();
		yaml.append("# Written by benchmarks/run.sh (dev.ciba.bench.BenchConfig): benchmark customers and clients.\n");
		yaml.append("ciba:\n  seed:\n    customers:\n");
		for (int i = 1; i <= customers; i++) {
			String username = OurServer.username(i);
			yaml.append("      - username: ").append(username).append('\n');
			yaml.append("        email: ").append(username).append("@bench.invalid\n");
			yaml.append("        password: '").append(hash).append("'\n");
			yaml.append("        display-name: Bench Customer ").append(i).append('\n');
		}
		yaml.append("    clients:\n");
		client(yaml, OurServer.POLL_CLIENT, "poll", null);
		client(yaml, OurServer.PING_CLIENT, "ping", "http://127.0.0.1:" + pingPort + "/ping");
		Files.writeString(out, yaml.toString());
	}

	private static void client(StringBuilder yaml, ClientCredentials client, String mode, String endpoint) {
		yaml.append("      - client-id: ").append(client.clientId()).append('\n');
		yaml.append("        client-secret: ").append(client.secret()).append('\n');
		yaml.append("        client-name: Benchmark ").append(mode).append(" client\n");
		yaml.append("        scopes: [openid]\n");
		yaml.append("        grant-types: [\"urn:openid:params:grant-type:ciba\"]\n");
		yaml.append("        authentication-methods: [client_secret_basic]\n");
		yaml.append("        backchannel-token-delivery-mode: ").append(mode).append('\n');
		if (endpoint != null) {
			yaml.append("        backchannel-client-notification-endpoint: ").append(endpoint).append('\n');
		}
	}

}
