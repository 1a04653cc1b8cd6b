package dev.ciba.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line with {@code --protocol wso2-v1} against a fake server: the paths,
 * bodies and tokens of generation 1 of the WSO2 protocol.
 */
class DeviceSimulatorWso2V1Tests extends SimulatorCommandTests {

	private static final String DEVICES = "/t/acme/api/users/v1/me/push-auth/devices";

	private static final String PENDING = "/t/acme/push-auth/pending";

	private static final String AUTHENTICATE = "/t/acme/push-auth/authenticate";

	private static final String REMOVE = DEVICES + "/" + TestPhones.DEVICE_ID + "/remove";

	private static final long NOW_SECONDS = TestPhones.NOW.getEpochSecond();

	@Test
	void runWhenRegisterFromGenerationOneQrThenPostsPushIdAndRsa1024KeyAndSavesProtocol() throws Exception {
		Path qr = this.directory.resolve("qr.png");
		Files.write(qr, QrCodes.encode(discoveryJson(), 300));
		this.server.reply("POST", DEVICES, 201, "");

		int exit = run("--state", this.state.toString(), "register", "--protocol", "wso2-v1", "--qr", qr.toString(),
				"--device-token", "fcm-1");

		assertThat(exit).isZero();
		assertThat(stdout()).isEqualTo("Registered device " + TestPhones.DEVICE_ID + " with " + this.server.url()
				+ " (tenant acme, RSA_1024 key, protocol wso2-v1).\nState saved to " + this.state + ".\n");
		JsonNode body = Json.readObject(this.server.only("POST", DEVICES).body(), "registration");
		assertThat(body.get("pushId").asString()).isEqualTo("fcm-1");
		assertThat(body.has("deviceToken")).isFalse();
		assertThat(((RSAPublicKey) publicKey(body.get("publicKey").asString())).getModulus().bitLength())
			.isEqualTo(1024);
		assertThat(Phone.load(this.state).protocol()).isEqualTo(Protocol.WSO2_V1);
	}

	@Test
	void runWhenRegisterWithKeyTypeRsaThenRsa2048() throws Exception {
		this.server.reply("POST", DEVICES, 201, "");

		int exit = run("--state", this.state.toString(), "register", "--protocol=wso2-v1", "--json", discoveryJson(),
				"--key-type", "rsa");

		assertThat(exit).isZero();
		JsonNode body = Json.readObject(this.server.only("POST", DEVICES).body(), "registration");
		assertThat(((RSAPublicKey) publicKey(body.get("publicKey").asString())).getModulus().bitLength())
			.isEqualTo(2048);
	}

	@Test
	void runWhenRegisterWithEcKeyThenUsageErrorWithoutCallingServer() {
		int exit = run("--state", this.state.toString(), "register", "--protocol", "wso2-v1", "--json", discoveryJson(),
				"--key-type", "ec");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).isEqualTo("--key-type ec does not apply to --protocol wso2-v1, which takes RSA keys only\n"
				+ "Run with --help for usage.\n");
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void runWhenUnknownProtocolThenUsageError() {
		int exit = run("--state", this.state.toString(), "register", "--protocol", "wso2-v3", "--json",
				discoveryJson());

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).isEqualTo("--protocol must be wso2-v2 or wso2-v1\nRun with --help for usage.\n");
	}

	@Test
	void runWhenRegisterGenerationTwoJsonAsGenerationOneThenFailsNamingDid() {
		int exit = run("--state", this.state.toString(), "register", "--protocol", "wso2-v1", "--json",
				TestPhones.discoveryData(this.server.url()).toJson());

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr()).isEqualTo("Failed: the generation-1 discovery data lacks \"did\"\n");
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void runWhenPendingThenPullsWithDidTokenAndListsTheGenerationOneEntries() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("GET", PENDING, 200, "{\"pending\":[" + entry("push-1") + "]}");

		int exit = run("--state", this.state.toString(), "pending");

		assertThat(exit).isZero();
		assertThat(stdout()).isEqualTo("""
				1 pending request:

				Request push-1
				  client:          Demo Bank
				  binding message: KX-42
				  scope:           openid payments
				  requested at:    (not given)
				  expires at:      2026-05-01T10:01:55Z
				  from address:    192.0.2.10
				""");
		String authorization = this.server.only("GET", PENDING).header("Authorization");
		TestJwts.Verified jwt = TestJwts.verify(authorization.substring("Bearer ".length()), key);
		assertThat(jwt.header())
			.containsExactlyInAnyOrderEntriesOf(Map.of("alg", "RS256", "did", TestPhones.DEVICE_ID));
		assertThat(jwt.claims()).containsEntry("purpose", "pending").containsEntry("nbf", NOW_SECONDS);
	}

	@Test
	void runWhenApproveThenPostsSdkAnswerToAeAndTakes202() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("GET", PENDING, 200, "{\"pending\":[" + entry("push-1") + "]}");
		this.server.reply("POST", AUTHENTICATE, 202, "{\"status\":\"OK\"}");

		int exit = run("--state", this.state.toString(), "approve", "--protocol", "wso2-v1");

		assertThat(exit).isZero();
		assertThat(stdout()).contains("  binding message: KX-42\n")
			.endsWith("\nApproved request push-1 from Demo Bank.\n");
		JsonNode body = Json.readObject(this.server.only("POST", AUTHENTICATE).body(), "answer");
		TestJwts.Verified jwt = TestJwts.verify(body.get("authResponse").asString(), key);
		assertThat(jwt.header())
			.containsExactlyInAnyOrderEntriesOf(Map.of("alg", "RS256", "did", TestPhones.DEVICE_ID));
		assertThat(jwt.claims()).containsEntry("sid", "push-1")
			.containsEntry("chg", "challenge-of-push-1")
			.containsEntry("res", "SUCCESSFUL")
			.containsEntry("aud", this.server.url() + "/t/acme/");
	}

	@Test
	void runWhenDenyThenResDenied() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("GET", PENDING, 200, "{\"pending\":[" + entry("push-1") + "]}");
		this.server.reply("POST", AUTHENTICATE, 202, "");

		int exit = run("--state", this.state.toString(), "deny");

		assertThat(exit).isZero();
		JsonNode body = Json.readObject(this.server.only("POST", AUTHENTICATE).body(), "answer");
		assertThat(TestJwts.verify(body.get("authResponse").asString(), key).claims()).containsEntry("res", "DENIED");
	}

	@Test
	void runWhenRemoveThenPostsActRemoveTokenToTheGenerationOnePathAndDeletesState() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("POST", REMOVE, 204, "");

		int exit = run("--state", this.state.toString(), "remove");

		assertThat(exit).isZero();
		JsonNode body = Json.readObject(this.server.only("POST", REMOVE).body(), "remove");
		TestJwts.Verified jwt = TestJwts.verify(body.get("token").asString(), key);
		assertThat(jwt.claims()).containsEntry("act", "REMOVE").containsEntry("exp", NOW_SECONDS + 3600);
		assertThat(Files.exists(this.state)).isFalse();
	}

	@Test
	void runWhenProtocolDoesNotMatchTheStateFileThenUsageErrorWithoutCallingServer() throws Exception {
		registerPhone();

		int exit = run("--state", this.state.toString(), "pending", "--protocol", "wso2-v2");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).isEqualTo("--protocol wso2-v2 does not match the state file, whose phone speaks wso2-v1\n"
				+ "Run with --help for usage.\n");
		assertThat(this.server.received()).hasSize(1);
	}

	private String discoveryJson() {
		return TestPhones.wso2V1DiscoveryData(this.server.url()).toJson();
	}

	private PublicKey registerPhone() throws Exception {
		this.server.reply("POST", DEVICES, 201, "");
		assertThat(
				run("--state", this.state.toString(), "register", "--protocol", "wso2-v1", "--json", discoveryJson()))
			.isZero();
		this.out.reset();
		return publicKey(
				Json.readObject(this.server.only("POST", DEVICES).body(), "registration").get("publicKey").asString());
	}

	private static String entry(String sessionDataKey) {
		return """
				{"deviceId":"%s","body":"alice is requesting to sign in to Demo Bank","challenge":"challenge-of-%s",
				"sessionDataKey":"%s","username":"alice","displayName":"alice","organization":"acme",
				"applicationName":"Demo Bank","ipAddress":"192.0.2.10","deviceName":"","browserName":"",
				"metadata":"{\\"binding_message\\":\\"KX-42\\",\\"scope\\":\\"openid payments\\"}",
				"expiresAt":"2026-05-01T10:01:55Z"}
				""".formatted(TestPhones.DEVICE_ID, sessionDataKey, sessionDataKey);
	}

	private static PublicKey publicKey(String base64) throws Exception {
		return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

}
