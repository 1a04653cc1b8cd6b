package dev.ciba.server.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NotificationEndpointGuardTests {

	private static final Map<String, String[]> DNS = Map.of("client.example", new String[] { "203.0.113.10" },
			"internal.example", new String[] { "10.1.2.3" }, "mixed.example",
			new String[] { "203.0.113.10", "192.168.0.7" }, "v6.example", new String[] { "2606:4700::1111" },
			"metadata.example", new String[] { "169.254.169.254" }, "local.example", new String[] { "127.0.0.1" });

	private final NotificationEndpointGuard guard = new NotificationEndpointGuard(false,
			NotificationEndpointGuardTests::resolve);

	private final NotificationEndpointGuard insecure = new NotificationEndpointGuard(true,
			NotificationEndpointGuardTests::resolve);

	@Test
	void checkWhenHttpsUrlOfAPublicHostThenAccepted() {
		assertThat(this.guard.check("https://client.example/cb?x=1").getHost()).isEqualTo("client.example");
		assertThat(this.guard.check("https://203.0.113.10:8443/cb").getPort()).isEqualTo(8443);
		assertThat(this.guard.check("https://[2606:4700::1111]/cb").getHost()).isEqualTo("[2606:4700::1111]");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://client.example/cb          | must be an https URL
			ftp://client.example/cb           | must be an https URL
			/cb                               | must be an https URL
			https:///cb                       | must name a valid host
			https://user:pw@client.example/cb | must not contain user information
			https://client.example/cb#part    | must not contain a fragment
			https://client example/cb         | is not a valid URL
			https://localhost/cb              | must not point at a loopback address
			https://localhost./cb             | must not point at a loopback address
			https://api.localhost./cb         | must not point at a loopback address
			https://app.LOCALHOST/cb          | must not point at a loopback address
			""")
	void checkWhenUrlIsMalformedOrInsecureThenRefused(String endpoint, String message) {
		assertThatExceptionOfType(InvalidNotificationEndpointException.class)
			.isThrownBy(() -> this.guard.check(endpoint))
			.withMessage(message);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			127.0.0.1              | loopback
			127.255.0.9            | loopback
			10.0.0.1               | private
			172.16.0.1             | private
			172.31.255.255         | private
			192.168.1.1            | private
			169.254.169.254        | link-local or metadata
			100.64.0.1             | shared (CGNAT)
			100.100.100.200        | shared (CGNAT)
			0.0.0.0                | unspecified
			224.0.0.1              | multicast
			255.255.255.255        | reserved or broadcast
			192.0.0.192            | reserved
			[::1]                  | loopback
			[::]                   | unspecified
			[fc00::1]              | unique local or metadata
			[fd00:ec2::254]        | unique local or metadata
			[fe80::1]              | link-local
			[ff02::1]              | multicast
			[::ffff:10.0.0.1]      | private
			[::ffff:7f00:1]        | loopback
			[64:ff9b::a9fe:a9fe]   | link-local or metadata (embedded in IPv6)
			[2002:c0a8:101::1]     | private (embedded in IPv6)
			""")
	void checkWhenHostIsAForbiddenAddressThenRefusedWithItsKind(String host, String kind) {
		assertThatExceptionOfType(InvalidNotificationEndpointException.class)
			.isThrownBy(() -> this.guard.check("https://" + host + "/cb"))
			.withMessage("must not point at a " + kind + " address");
	}

	@Test
	void checkWhenAddressesAtTheEdgesOfForbiddenBlocksThenAccepted() {
		assertThat(this.guard.check("https://172.32.0.1/cb")).isNotNull();
		assertThat(this.guard.check("https://100.128.0.1/cb")).isNotNull();
		assertThat(this.guard.check("https://11.0.0.1/cb")).isNotNull();
		assertThat(this.guard.check("https://[fbff::1]/cb")).isNotNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2130706433 | must not use a numeric host other than a dotted IPv4 address
			127.1      | must name a valid host
			300.1.1.1  | must name a valid host
			""")
	void checkWhenHostIsAnUnusualNumericFormThenRefused(String host, String message) {
		assertThatExceptionOfType(InvalidNotificationEndpointException.class)
			.isThrownBy(() -> this.guard.check("https://" + host + "/cb"))
			.withMessage(message);
	}

	@Test
	void checkWhenInsecureEndpointsAllowedThenHttpAndLoopbackAccepted() {
		assertThat(this.insecure.check("http://127.0.0.1:8080/cb").getPort()).isEqualTo(8080);
		assertThat(this.insecure.check("http://localhost/cb").getHost()).isEqualTo("localhost");
		assertThatExceptionOfType(InvalidNotificationEndpointException.class)
			.isThrownBy(() -> this.insecure.check("ftp://127.0.0.1/cb"))
			.withMessage("must be an http or https URL");
	}

	@Test
	void resolveWhenNameResolvesToPublicAddressesThenTheFirstOne() throws Exception {
		assertThat(this.guard.resolve("https://client.example/cb").getHostAddress()).isEqualTo("203.0.113.10");
		assertThat(this.guard.resolve("https://v6.example/cb").getHostAddress()).isEqualTo("2606:4700:0:0:0:0:0:1111");
	}

	@Test
	void resolveWhenNameResolvesToAForbiddenAddressThenRefused() {
		assertThatExceptionOfType(InvalidNotificationEndpointException.class)
			.isThrownBy(() -> this.guard.resolve("https://internal.example/cb"))
			.withMessage("must not point at a private address");
		assertThatExceptionOfType(InvalidNotificationEndpointException.class)
			.isThrownBy(() -> this.guard.resolve("https://metadata.example/cb"))
			.withMessage("must not point at a link-local or metadata address");
		assertThatExceptionOfType(InvalidNotificationEndpointException.class)
			.isThrownBy(() -> this.guard.resolve("https://local.example/cb"))
			.withMessage("must not point at a loopback address");
	}

	@Test
	void resolveWhenAnyOfTheAddressesIsForbiddenThenRefused() {
		assertThatExceptionOfType(InvalidNotificationEndpointException.class)
			.isThrownBy(() -> this.guard.resolve("https://mixed.example/cb"))
			.withMessage("must not point at a private address");
	}

	@Test
	void resolveWhenLiteralThenNoLookup() throws Exception {
		NotificationEndpointGuard noDns = new NotificationEndpointGuard(false, (host) -> {
			throw new AssertionError("looked up " + host);
		});

		assertThat(noDns.resolve("https://203.0.113.10/cb").getHostAddress()).isEqualTo("203.0.113.10");
	}

	@Test
	void resolveWhenInsecureEndpointsAllowedThenPrivateNamesAccepted() throws Exception {
		assertThat(this.insecure.resolve("http://internal.example/cb").getHostAddress()).isEqualTo("10.1.2.3");
	}

	@Test
	void resolveWhenNameDoesNotResolveThenUnknownHost() {
		assertThatExceptionOfType(UnknownHostException.class)
			.isThrownBy(() -> this.guard.resolve("https://nowhere.example/cb"));
	}

	private static InetAddress[] resolve(String host) throws UnknownHostException {
		String[] addresses = DNS.get(host);
		if (addresses == null) {
			throw new UnknownHostException(host);
		}
		InetAddress[] resolved = new InetAddress[addresses.length];
		for (int i = 0; i < addresses.length; i++) {
			resolved[i] = InetAddress.getByName(addresses[i]);
		}
		return resolved;
	}

}
