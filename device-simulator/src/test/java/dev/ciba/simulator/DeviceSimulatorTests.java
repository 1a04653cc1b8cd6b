package dev.ciba.simulator;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceSimulatorTests extends SimulatorCommandTests {

	private static final String DEVICES = "/t/acme/api/users/v1/me/push/devices";

	private static final String PENDING = "/t/acme/push-auth/pending";

	private static final String AUTHENTICATE = "/t/acme/push-auth/authenticate";

	private static final String REMOVE = DEVICES + "/" + TestPhones.DEVICE_ID + "/remove";

	private static final String ROTATE_KEY = DEVICES + "/" + TestPhones.DEVICE_ID + "/rotate-key";

	private static final long NOW_SECONDS = TestPhones.NOW.getEpochSecond();

	@Test
	void runWhenRegisterWithQrThenPostsSignedKeyAndSavesState() throws Exception {
		Path qr = this.directory.resolve("qr.png");
		Files.write(qr, QrCodes.encode(discoveryJson(), 300));
		this.server.reply("POST", DEVICES, 201, "");

		int exit = run("--state", this.state.toString(), "register", "--qr", qr.toString(), "--name", "Demo phone");

		assertThat(exit).isZero();
		assertThat(stdout()).isEqualTo("Registered device " + TestPhones.DEVICE_ID + " with " + this.server.url()
				+ " (tenant acme, RSA key).\nState saved to " + this.state + ".\n");
		assertThat(stderr()).isEmpty();
		FakeDeviceServer.Received call = this.server.only("POST", DEVICES);
		assertThat(call.header("Content-Type")).isEqualTo("application/json");
		JsonNode body = Json.readObject(call.body(), "registration");
		assertThat(fieldNames(body)).containsExactly("deviceId", "name", "model", "deviceToken", "publicKey",
				"signature");
		assertThat(body.get("deviceId").asString()).isEqualTo(TestPhones.DEVICE_ID);
		assertThat(body.get("name").asString()).isEqualTo("Demo phone");
		assertThat(body.get("model").asString()).isEqualTo("Simulator");
		assertThat(body.get("deviceToken").asString()).isEmpty();
		Phone saved = Phone.load(this.state);
		assertThat(saved.key().encodedPublicKey()).isEqualTo(body.get("publicKey").asString());
		assertThat(saved.deviceId()).isEqualTo(TestPhones.DEVICE_ID);
	}

	@Test
	void runWhenRegisterWithEcKeyAndTokenThenSignatureCoversToken() throws Exception {
		this.server.reply("POST", DEVICES, 201, "");

		int exit = run("--state", this.state.toString(), "register", "--json", discoveryJson(), "--key-type", "ec",
				"--device-token", "fcm-1", "--model", "Pixel 9");

		assertThat(exit).isZero();
		JsonNode body = Json.readObject(this.server.only("POST", DEVICES).body(), "registration");
		assertThat(body.get("deviceToken").asString()).isEqualTo("fcm-1");
		assertThat(body.get("model").asString()).isEqualTo("Pixel 9");
		PublicKey key = publicKey("EC", body.get("publicKey").asString());
		java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(key);
		verifier.update((TestPhones.CHALLENGE + ".fcm-1").getBytes(StandardCharsets.UTF_8));
		assertThat(verifier.verify(Base64.getDecoder().decode(body.get("signature").asString()))).isTrue();
	}

	@Test
	void runWhenRegisterWithJsonFileThenRegisters() throws Exception {
		Path json = this.directory.resolve("discovery.json");
		Files.writeString(json, discoveryJson());
		this.server.reply("POST", DEVICES, 201, "");

		int exit = run("--state", this.state.toString(), "register", "--json-file", json.toString());

		assertThat(exit).isZero();
		assertThat(Files.exists(this.state)).isTrue();
	}

	@Test
	void runWhenRegisterRefusedThenPrintsErrorAndSavesNothing() {
		this.server.reply("POST", DEVICES, 400,
				"{\"error\":\"invalid_request\",\"error_description\":\"the signature does not verify\"}");

		int exit = run("--state", this.state.toString(), "register", "--json", discoveryJson());

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr()).isEqualTo("Server refused (HTTP 400): invalid_request: the signature does not verify\n");
		assertThat(stdout()).isEmpty();
		assertThat(Files.exists(this.state)).isFalse();
	}

	@Test
	void runWhenRegisterOverExistingStateThenRefusesWithoutCallingServer() throws Exception {
		Files.writeString(this.state, "{}");

		int exit = run("--state", this.state.toString(), "register", "--json", discoveryJson());

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr())
			.isEqualTo("The state file " + this.state + " exists already; remove the device first or add --force.\n");
		assertThat(this.server.received()).isEmpty();
		assertThat(Files.readString(this.state)).isEqualTo("{}");
	}

	@Test
	void runWhenRegisterOverExistingStateWithForceThenReplacesIt() throws Exception {
		Files.writeString(this.state, "{}");
		this.server.reply("POST", DEVICES, 201, "");

		int exit = run("--state", this.state.toString(), "register", "--json", discoveryJson(), "--force");

		assertThat(exit).isZero();
		assertThat(Phone.load(this.state).deviceId()).isEqualTo(TestPhones.DEVICE_ID);
	}

	@Test
	void runWhenRegisterWithTwoSourcesThenUsageError() {
		int exit = run("register", "--json", discoveryJson(), "--qr", "qr.png");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr())
			.isEqualTo("register needs exactly one of --qr, --json and --json-file\nRun with --help for usage.\n");
	}

	@Test
	void runWhenPendingThenSendsSignedPendingTokenAndListsRequests() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-1", "KX-42")));

		int exit = run("--state", this.state.toString(), "pending");

		assertThat(exit).isZero();
		assertThat(stdout()).isEqualTo("""
				1 pending request:

				Request push-1
				  client:          Demo Bank
				  binding message: KX-42
				  scope:           openid payments
				  requested at:    2026-05-01T09:59:55Z
				  expires at:      2026-05-01T10:01:55Z
				  from address:    192.0.2.10
				""");
		String authorization = this.server.only("GET", PENDING).header("Authorization");
		assertThat(authorization).startsWith("Bearer ");
		TestJwts.Verified jwt = TestJwts.verify(authorization.substring("Bearer ".length()), key);
		assertThat(jwt.header())
			.containsExactlyInAnyOrderEntriesOf(Map.of("alg", "RS256", "typ", "JWT", "deviceId", TestPhones.DEVICE_ID));
		assertThat(jwt.claims()).containsOnlyKeys("purpose", "iat", "exp", "jti");
		assertThat(jwt.claims()).containsEntry("purpose", "pending")
			.containsEntry("iat", NOW_SECONDS)
			.containsEntry("exp", NOW_SECONDS + 120);
	}

	@Test
	void runWhenPendingListIsEmptyThenSaysSo() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody());

		int exit = run("--state", this.state.toString(), "pending");

		assertThat(exit).isZero();
		assertThat(stdout()).isEqualTo("No pending requests.\n");
	}

	@Test
	void runWhenPendingHasControlCharactersThenPrintsThemAsQuestionMarks() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-1", "Pay\\u001b[31m now")));

		run("--state", this.state.toString(), "pending");

		assertThat(stdout()).contains("  binding message: Pay?[31m now\n");
	}

	@Test
	void runWhenApproveTheOnlyRequestThenPostsApprovedAnswer() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-1", "KX-42")));
		this.server.reply("POST", AUTHENTICATE, 200, "");

		int exit = run("--state", this.state.toString(), "approve");

		assertThat(exit).isZero();
		assertThat(stdout()).isEqualTo("""

				Request push-1
				  client:          Demo Bank
				  binding message: KX-42
				  scope:           openid payments
				  requested at:    2026-05-01T09:59:55Z
				  expires at:      2026-05-01T10:01:55Z
				  from address:    192.0.2.10

				Approved request push-1 from Demo Bank.
				""");
		JsonNode body = Json.readObject(this.server.only("POST", AUTHENTICATE).body(), "answer");
		assertThat(fieldNames(body)).containsExactly("authResponse");
		TestJwts.Verified jwt = TestJwts.verify(body.get("authResponse").asString(), key);
		assertThat(jwt.header())
			.containsExactlyInAnyOrderEntriesOf(Map.of("alg", "RS256", "typ", "JWT", "deviceId", TestPhones.DEVICE_ID));
		assertThat(jwt.claims()).containsOnlyKeys("pushAuthId", "challenge", "response", "iat", "exp", "jti");
		assertThat(jwt.claims()).containsEntry("pushAuthId", "push-1")
			.containsEntry("challenge", "challenge-of-push-1")
			.containsEntry("response", "APPROVED")
			.containsEntry("iat", NOW_SECONDS)
			.containsEntry("exp", NOW_SECONDS + 300);
	}

	@Test
	void runWhenDenyWithPushIdThenAnswersThatRequest() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-1", "A"), entry("push-2", "B")));
		this.server.reply("POST", AUTHENTICATE, 200, "");

		int exit = run("--state", this.state.toString(), "deny", "--push-id", "push-2");

		assertThat(exit).isZero();
		assertThat(stdout()).startsWith("\nRequest push-2\n  client:          Demo Bank\n  binding message: B\n")
			.endsWith("\nDenied request push-2 from Demo Bank.\n");
		assertThat(answerClaims(this.server.only("POST", AUTHENTICATE), key)).containsEntry("pushAuthId", "push-2")
			.containsEntry("challenge", "challenge-of-push-2")
			.containsEntry("response", "DENIED");
	}

	@Test
	void runWhenApproveAndSeveralPendingWithoutPushIdThenRefusesWithoutAnswering() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-1", "A"), entry("push-2", "B")));

		int exit = run("--state", this.state.toString(), "approve");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr())
			.isEqualTo("2 requests are pending; choose one to approve with --push-id: push-1, push-2\n");
		assertThat(this.server.received()).extracting(FakeDeviceServer.Received::path).doesNotContain(AUTHENTICATE);
	}

	@Test
	void runWhenApproveAndNothingPendingThenRefuses() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody());

		int exit = run("--state", this.state.toString(), "approve");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr()).isEqualTo("No pending request to approve.\n");
	}

	@Test
	void runWhenApproveUnknownPushIdThenRefuses() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-1", "A")));

		int exit = run("--state", this.state.toString(), "approve", "--push-id", "push-9");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr()).isEqualTo("No pending request has the push id push-9.\n");
	}

	@Test
	void runWhenApproveAnsweredWith410ThenPrintsRefusalInPlainWords() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-1", "KX-42")));
		this.server.reply("POST", AUTHENTICATE, 410,
				"{\"error\":\"expired_token\",\"error_description\":\"the request is closed\"}");

		int exit = run("--state", this.state.toString(), "approve");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stdout()).startsWith("\nRequest push-1\n").doesNotContain("Approved");
		assertThat(stderr()).isEqualTo("Server refused (HTTP 410): expired_token: the request is closed\n");
	}

	@Test
	void runWhenPendingRefusedThenPrintsRefusal() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 403,
				"{\"error\":\"access_denied\",\"error_description\":\"the device is not active\"}");

		int exit = run("--state", this.state.toString(), "pending");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr()).isEqualTo("Server refused (HTTP 403): access_denied: the device is not active\n");
	}

	@Test
	void runWhenRemoveAcceptedThenPostsRemoveTokenAndDeletesState() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("POST", REMOVE, 204, "");

		int exit = run("--state", this.state.toString(), "remove");

		assertThat(exit).isZero();
		assertThat(stdout()).isEqualTo("Removed device " + TestPhones.DEVICE_ID + " from " + this.server.url()
				+ ".\nState file " + this.state + " deleted.\n");
		assertThat(Files.exists(this.state)).isFalse();
		JsonNode body = Json.readObject(this.server.only("POST", REMOVE).body(), "remove");
		assertThat(fieldNames(body)).containsExactly("token");
		TestJwts.Verified jwt = TestJwts.verify(body.get("token").asString(), key);
		assertThat(jwt.header()).containsEntry("deviceId", TestPhones.DEVICE_ID).containsEntry("alg", "RS256");
		assertThat(jwt.claims()).containsOnlyKeys("purpose", "iat", "exp", "jti");
		assertThat(jwt.claims()).containsEntry("purpose", "remove").containsEntry("exp", NOW_SECONDS + 120);
	}

	@Test
	void runWhenRemoveRefusedThenKeepsState() throws Exception {
		registerPhone();
		this.server.reply("POST", REMOVE, 400, "{\"error\":\"invalid_request\",\"error_description\":\"bad token\"}");

		int exit = run("--state", this.state.toString(), "remove");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr()).isEqualTo("Server refused (HTTP 400): invalid_request: bad token\n");
		assertThat(Files.exists(this.state)).isTrue();
	}

	@Test
	void runWhenNoStateFileThenTellsToRegister() {
		int exit = run("--state", this.state.toString(), "pending");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr()).isEqualTo("No state file at " + this.state + "; register the phone first.\n");
	}

	@Test
	void runWhenServerUnreachableThenFailsInPlainWords() throws Exception {
		registerPhone();
		this.server.close();

		int exit = run("--state", this.state.toString(), "pending");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr()).startsWith("Failed: cannot reach " + this.server.url() + ": ");
	}

	@Test
	void runWhenHelpThenUsageOnStandardOutput() {
		int exit = run("--help");

		assertThat(exit).isZero();
		assertThat(stdout())
			.startsWith("Usage: java -jar device-simulator-<version>-exec.jar [--state FILE] COMMAND [OPTIONS]\n");
		assertThat(stdout()).contains("  approve [--push-id ID] [--number NN]\n");
	}

	@Test
	void runWhenNoCommandThenUsageError() {
		int exit = run();

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).isEqualTo("no command given\nRun with --help for usage.\n");
	}

	@Test
	void runWhenUnknownCommandThenUsageError() {
		int exit = run("scan");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).isEqualTo("unknown command scan\nRun with --help for usage.\n");
	}

	@Test
	void runWhenOptionDoesNotApplyThenUsageError() {
		int exit = run("pending", "--push-id", "p-1");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).isEqualTo("--push-id does not apply to pending\nRun with --help for usage.\n");
	}

	@Test
	void runWhenBadKeyTypeThenUsageError() {
		int exit = run("--state", this.state.toString(), "register", "--json", discoveryJson(), "--key-type=dsa");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).isEqualTo("--key-type must be rsa, rsa-1024 or ec\nRun with --help for usage.\n");
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void runWhenOptionGivenTwiceThenUsageError() {
		int exit = run("approve", "--push-id", "p-1", "--push-id=p-2");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).isEqualTo("--push-id is given twice\nRun with --help for usage.\n");
	}

	@Test
	void runWhenOptionLacksValueThenUsageError() {
		int exit = run("approve", "--push-id");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).isEqualTo("--push-id needs a value\nRun with --help for usage.\n");
	}

	@Test
	void runWhenEcPhoneApprovesThenEs256AnswerSignedWithTheEcKey() throws Exception {
		this.server.reply("POST", DEVICES, 201, "");
		assertThat(run("--state", this.state.toString(), "register", "--json", discoveryJson(), "--key-type", "ec"))
			.isZero();
		PublicKey key = publicKey("EC",
				Json.readObject(this.server.only("POST", DEVICES).body(), "registration").get("publicKey").asString());
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-1", "KX-42")));
		this.server.reply("POST", AUTHENTICATE, 200, "");

		int exit = run("--state", this.state.toString(), "approve");

		assertThat(exit).isZero();
		String answer = Json.readObject(this.server.only("POST", AUTHENTICATE).body(), "answer")
			.get("authResponse")
			.asString();
		TestJwts.Verified jwt = TestJwts.verify(answer, key);
		assertThat(jwt.header()).containsEntry("alg", "ES256").containsEntry("deviceId", TestPhones.DEVICE_ID);
		assertThat(jwt.claims()).containsEntry("response", "APPROVED").containsEntry("pushAuthId", "push-1");
	}

	@Test
	void runWhenWatchAutoApprovesWithCountThenAnswersEachNewRequestOnceAndStops() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody());
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-1", "A")));
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-2", "B"), entry("push-1", "A")));
		this.server.reply("POST", AUTHENTICATE, 200, "");
		this.server.reply("POST", AUTHENTICATE, 200, "");
		List<Duration> pauses = new ArrayList<>();

		int exit = watch("", pauses::add, "--interval", "2s", "--auto", "approve", "--count", "2");

		assertThat(exit).isZero();
		assertThat(pauses).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
		List<String> answered = answeredPushIds(key);
		assertThat(answered).containsExactly("push-1", "push-2");
		assertThat(stdout())
			.startsWith("Watching for requests every 2 s (the server offers no long poll, so the phone asks).\n")
			.contains("Request push-1\n", "Approved request push-1.\n", "Approved request push-2.\n")
			.endsWith("Sent 2 answers; stopped watching.\n");
	}

	@Test
	void runWhenWatchInteractiveThenAsksAndSendsTheTypedNumber() throws Exception {
		PublicKey key = registerPhone();
		String withNumbers = entry("push-1", "A").replace("}", ",\"numberChallenge\":\"17,42,93\"}");
		this.server.reply("GET", PENDING, 200, pendingBody(withNumbers, entry("push-2", "B")));
		this.server.reply("POST", AUTHENTICATE, 200, "");
		this.server.reply("POST", AUTHENTICATE, 410,
				"{\"error\":\"invalid_request\",\"error_description\":\"The request was already answered\"}");

		int exit = watch("maybe\ny\n\n42\nn\n", (pause) -> {
		}, "--count", "2");

		assertThat(exit).isZero();
		List<FakeDeviceServer.Received> answers = this.server.received()
			.stream()
			.filter((call) -> call.path().equals(AUTHENTICATE))
			.toList();
		assertThat(answers).hasSize(2);
		Map<String, Object> first = answerClaims(answers.get(0), key);
		assertThat(first).containsEntry("pushAuthId", "push-1")
			.containsEntry("response", "APPROVED")
			.containsEntry("numberChallenge", "42");
		Map<String, Object> second = answerClaims(answers.get(1), key);
		assertThat(second).containsEntry("pushAuthId", "push-2")
			.containsEntry("response", "DENIED")
			.doesNotContainKey("numberChallenge");
		assertThat(stdout()).contains("  number to pick:  17, 42, 93 (the one Demo Bank shows)\n",
				"Approve this request? [y/n] Type y to approve or n to deny.\nApprove this request? [y/n] ",
				"Type the number shown where you signed in (17, 42, 93): Type the number shown where you signed in "
						+ "(17, 42, 93): Approved request push-1.\n",
				"The server refused the answer to request push-2: Server refused (HTTP 410): invalid_request: "
						+ "The request was already answered\n");
	}

	@Test
	void runWhenWatchAutoWithNumberThenSendsItOnlyToRequestsAskingForOne() throws Exception {
		PublicKey key = registerPhone();
		String withNumbers = entry("push-1", "A").replace("}", ",\"numberChallenge\":\"17,42,93\"}");
		this.server.reply("GET", PENDING, 200, pendingBody(withNumbers, entry("push-2", "B")));
		this.server.reply("POST", AUTHENTICATE, 200, "");
		this.server.reply("POST", AUTHENTICATE, 200, "");

		int exit = watch("", (pause) -> {
		}, "--auto", "deny", "--number", "17", "--count", "2");

		assertThat(exit).isZero();
		List<FakeDeviceServer.Received> answers = this.server.received()
			.stream()
			.filter((call) -> call.path().equals(AUTHENTICATE))
			.toList();
		assertThat(answerClaims(answers.get(0), key)).containsEntry("numberChallenge", "17")
			.containsEntry("response", "DENIED");
		assertThat(answerClaims(answers.get(1), key)).doesNotContainKey("numberChallenge");
	}

	@Test
	void runWhenWatchTimesOutBeforeCountThenFailsAfterALastLookAtTheTimeout() throws Exception {
		registerPhone();
		for (int i = 0; i < 4; i++) {
			this.server.reply("GET", PENDING, 200, pendingBody());
		}
		TestClock clock = new TestClock(TestPhones.NOW);
		List<Duration> pauses = new ArrayList<>();
		DeviceSimulator simulator = new DeviceSimulator(Phone.newHttpClient(), clock, (pause) -> {
			pauses.add(pause);
			clock.advance(pause);
		});

		int exit = simulator.run(
				new String[] { "--state", this.state.toString(), "watch", "--auto", "approve", "--count", "1",
						"--interval", "4s", "--timeout", "10s" },
				InputStream.nullInputStream(), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(pauses).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(2));
		assertThat(stdout()).endsWith("Timed out after 0 of 1 answers.\n");
		assertThat(this.server.received()).filteredOn((call) -> call.path().equals(PENDING)).hasSize(4);
	}

	@Test
	void runWhenWatchInputEndsThenStopsWithoutAnswering() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(entry("push-1", "A")));

		int exit = watch("", (pause) -> {
		});

		assertThat(exit).isZero();
		assertThat(stdout()).endsWith("Approve this request? [y/n] \nInput ended; stopped watching.\n");
		assertThat(this.server.received()).extracting(FakeDeviceServer.Received::path).doesNotContain(AUTHENTICATE);
	}

	@Test
	void runWhenWatchDeviceRefusedThenFails() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 401,
				"{\"error\":\"invalid_token\",\"error_description\":\"The device is not registered\"}");

		int exit = watch("", (pause) -> {
		});

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr()).isEqualTo("Server refused (HTTP 401): invalid_token: The device is not registered\n");
	}

	@Test
	void runWhenWatchOptionsMakeNoSenseThenUsageErrors() {
		assertThat(run("watch", "--auto", "maybe")).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(run("watch", "--number", "17")).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(run("watch", "--interval", "0")).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(run("watch", "--timeout", "soon")).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(run("watch", "--count", "-1")).isEqualTo(DeviceSimulator.EXIT_USAGE);

		assertThat(stderr()).isEqualTo("""
				--auto must be approve or deny
				Run with --help for usage.
				--number needs --auto; without it the number is asked for
				Run with --help for usage.
				--interval must be a positive duration such as 500ms, 5s, 2m or 5
				Run with --help for usage.
				--timeout must be a positive duration such as 500ms, 5s, 2m or 5
				Run with --help for usage.
				--count must be a positive whole number
				Run with --help for usage.
				""");
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void runWhenRotateKeyAcceptedThenSignedWithTheOldKeyProvenWithTheNewAndStateUpdated() throws Exception {
		PublicKey oldKey = registerPhone();
		this.server.reply("POST", ROTATE_KEY, 204, "");

		int exit = run("--state", this.state.toString(), "rotate-key", "--key-type", "ec");

		assertThat(exit).isZero();
		assertThat(stdout()).isEqualTo("Replaced the key of device " + TestPhones.DEVICE_ID
				+ ": RSA key -> new EC key.\nState saved to " + this.state + ".\n");
		JsonNode body = Json.readObject(this.server.only("POST", ROTATE_KEY).body(), "rotate-key");
		assertThat(fieldNames(body)).containsExactly("token");
		TestJwts.Verified jwt = TestJwts.verify(body.get("token").asString(), oldKey);
		assertThat(jwt.header()).containsEntry("alg", "RS256").containsEntry("deviceId", TestPhones.DEVICE_ID);
		assertThat(jwt.claims()).containsOnlyKeys("purpose", "publicKey", "proof", "iat", "exp", "jti");
		assertThat(jwt.claims()).containsEntry("purpose", "rotate-key").containsEntry("exp", NOW_SECONDS + 120);
		PublicKey newKey = publicKey("EC", (String) jwt.claims().get("publicKey"));
		java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
		verifier.initVerify(newKey);
		verifier.update((TestPhones.DEVICE_ID + "." + jwt.claims().get("jti")).getBytes(StandardCharsets.UTF_8));
		assertThat(verifier.verify(Base64.getDecoder().decode((String) jwt.claims().get("proof")))).isTrue();
		Phone saved = Phone.load(this.state);
		assertThat(saved.key().type()).isEqualTo(KeyType.EC);
		assertThat(saved.key().publicKey()).isEqualTo(newKey);
	}

	@Test
	void runWhenRotateKeyRefusedThenStateKeepsTheOldKey() throws Exception {
		PublicKey oldKey = registerPhone();
		String before = Files.readString(this.state);
		this.server.reply("POST", ROTATE_KEY, 400,
				"{\"error\":\"invalid_request\",\"error_description\":\"The token was already used\"}");

		int exit = run("--state", this.state.toString(), "rotate-key");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_FAILED);
		assertThat(stderr()).isEqualTo("Server refused (HTTP 400): invalid_request: The token was already used\n");
		assertThat(Files.readString(this.state)).isEqualTo(before);
		assertThat(Phone.load(this.state).key().publicKey()).isEqualTo(oldKey);
		String token = Json.readObject(this.server.only("POST", ROTATE_KEY).body(), "rotate-key")
			.get("token")
			.asString();
		assertThat(publicKey("RSA", (String) TestJwts.verify(token, oldKey).claims().get("publicKey"))).isNotNull();
	}

	private int watch(String input, Watch.Pause pause, String... options) {
		List<String> args = new ArrayList<>(List.of("--state", this.state.toString(), "watch"));
		args.addAll(List.of(options));
		DeviceSimulator simulator = new DeviceSimulator(Phone.newHttpClient(), TestPhones.CLOCK, pause);
		return simulator.run(args.toArray(String[]::new),
				new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private List<String> answeredPushIds(PublicKey key) throws Exception {
		List<String> pushIds = new ArrayList<>();
		for (FakeDeviceServer.Received call : this.server.received()) {
			if (call.path().equals(AUTHENTICATE)) {
				pushIds.add((String) answerClaims(call, key).get("pushAuthId"));
			}
		}
		return pushIds;
	}

	private static Map<String, Object> answerClaims(FakeDeviceServer.Received call, PublicKey key) throws Exception {
		String token = Json.readObject(call.body(), "answer").get("authResponse").asString();
		return TestJwts.verify(token, key).claims();
	}

	private String discoveryJson() {
		return TestPhones.discoveryData(this.server.url()).toJson();
	}

	/**
	 * Registers through the command line and returns the public key the server received;
	 * clears what was printed.
	 */
	private PublicKey registerPhone() throws Exception {
		this.server.reply("POST", DEVICES, 201, "");
		assertThat(run("--state", this.state.toString(), "register", "--json", discoveryJson())).isZero();
		this.out.reset();
		String publicKey = Json.readObject(this.server.only("POST", DEVICES).body(), "registration")
			.get("publicKey")
			.asString();
		return publicKey("RSA", publicKey);
	}

	@Test
	void runWhenPendingShowsEverythingTheServerSentThenScopesDetailsAndChoicesInWords() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(fullEntry("push-1")));

		int exit = run("--state", this.state.toString(), "pending");

		assertThat(exit).isZero();
		assertThat(stdout()).isEqualTo("""
				1 pending request:

				Request push-1
				  client:          Demo Bank
				  binding message: Pay 123.50
				  scope:           openid payments
				    openid: Confirm who you are
				    payments: Make payments from your accounts
				  authorization details:
				    Payment of 123.50 EUR to Merchant A
				      Amount: 123.50 EUR
				      Creditor: Merchant A
				    account_information
				      actions: list_accounts
				  number to pick:  17, 42, 86 (the one Demo Bank shows)
				  requested at:    2026-05-01T09:59:55Z
				  expires at:      2026-05-01T10:01:55Z
				  from address:    192.0.2.10
				""");
	}

	@Test
	void runWhenApproveANumberMatchingRequestWithoutNumberThenUsageErrorListingTheChoicesAndNothingSent()
			throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(fullEntry("push-1")));

		int exit = run("--state", this.state.toString(), "approve");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stdout()).contains("  number to pick:  17, 42, 86 (the one Demo Bank shows)\n");
		assertThat(stderr()).isEqualTo("request push-1 has number matching: approve it with --number and the number "
				+ "Demo Bank shows, one of 17, 42, 86\nRun with --help for usage.\n");
		assertThat(this.server.received()).noneMatch((received) -> received.path().equals(AUTHENTICATE));
	}

	@Test
	void runWhenApproveWithANumberThatIsNoChoiceThenUsageErrorAndNothingSent() throws Exception {
		registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(fullEntry("push-1")));

		int exit = run("--state", this.state.toString(), "approve", "--number", "100");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).startsWith("--number must be one of the choices of request push-1: 17, 42, 86\n");
		assertThat(this.server.received()).noneMatch((received) -> received.path().equals(AUTHENTICATE));
	}

	@Test
	void runWhenWatchAutoApprovesANumberMatchingRequestWithoutItsNumberThenLeavesItUnanswered() throws Exception {
		PublicKey key = registerPhone();
		String withNumbers = entry("push-1", "A").replace("}", ",\"numberChallenge\":\"17,42,93\"}");
		this.server.reply("GET", PENDING, 200, pendingBody(withNumbers, entry("push-2", "B")));
		this.server.reply("POST", AUTHENTICATE, 200, "");

		int exit = watch("", (pause) -> {
		}, "--auto", "approve", "--count", "1");

		assertThat(exit).isZero();
		assertThat(stdout())
			.contains("Request push-1 has number matching and --number is not one of its choices; left unanswered.\n");
		assertThat(answerClaims(this.server.only("POST", AUTHENTICATE), key)).containsEntry("pushAuthId", "push-2");
	}

	@Test
	void runWhenApproveWithANumberThenTheAnswerCarriesIt() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(fullEntry("push-1")));
		this.server.reply("POST", AUTHENTICATE, 200, "");

		int exit = run("--state", this.state.toString(), "approve", "--number", "42");

		assertThat(exit).isZero();
		assertThat(stdout()).contains("  authorization details:\n")
			.endsWith("Approved request push-1 from Demo Bank.\n");
		assertThat(answerClaims(this.server.only("POST", AUTHENTICATE), key)).containsEntry("response", "APPROVED")
			.containsEntry("numberChallenge", "42");
	}

	@Test
	void runWhenDenyANumberMatchingRequestThenNoNumberNeededAndNoneSent() throws Exception {
		PublicKey key = registerPhone();
		this.server.reply("GET", PENDING, 200, pendingBody(fullEntry("push-1")));
		this.server.reply("POST", AUTHENTICATE, 200, "");

		int exit = run("--state", this.state.toString(), "deny");

		assertThat(exit).isZero();
		assertThat(answerClaims(this.server.only("POST", AUTHENTICATE), key)).containsEntry("response", "DENIED")
			.doesNotContainKey("numberChallenge");
	}

	@Test
	void runWhenDenyWithANumberThenUsageError() throws Exception {
		registerPhone();

		int exit = run("--state", this.state.toString(), "deny", "--number", "42");

		assertThat(exit).isEqualTo(DeviceSimulator.EXIT_USAGE);
		assertThat(stderr()).isEqualTo("--number does not apply to deny\nRun with --help for usage.\n");
	}

	private static String fullEntry(String pushId) {
		return """
				{"pushId":"%s","challenge":"challenge-of-%s","deviceId":"%s","username":"alice",
				"tenantDomain":"acme","relativePath":"/t/acme","applicationName":"Demo Bank",
				"notificationScenario":"AUTHENTICATION","ipAddress":"192.0.2.10","bindingMessage":"Pay 123.50",
				"scope":"openid payments","requestTime":"2026-05-01T09:59:55Z","expiresAt":"2026-05-01T10:01:55Z",
				"scopeDescriptions":"{\\"openid\\":\\"Confirm who you are\\",\
				\\"payments\\":\\"Make payments from your accounts\\"}",
				"authorizationDetails":"[{\\"type\\":\\"payment_initiation\\",\
				\\"summary\\":\\"Payment of 123.50 EUR to Merchant A\\",\\"lines\\":[\\"Amount: 123.50 EUR\\",\
				\\"Creditor: Merchant A\\"]},{\\"type\\":\\"account_information\\",\
				\\"lines\\":[\\"actions: list_accounts\\"]}]",
				"numberChallenge":"17,42,86"}
				""".formatted(pushId, pushId, TestPhones.DEVICE_ID);
	}

	private static String entry(String pushId, String bindingMessage) {
		return """
				{"pushId":"%s","challenge":"challenge-of-%s","deviceId":"%s","username":"alice",
				"tenantDomain":"acme","relativePath":"/t/acme","applicationName":"Demo Bank",
				"notificationScenario":"AUTHENTICATION","ipAddress":"192.0.2.10","bindingMessage":"%s",
				"scope":"openid payments","requestTime":"2026-05-01T09:59:55Z","expiresAt":"2026-05-01T10:01:55Z"}
				""".formatted(pushId, pushId, TestPhones.DEVICE_ID, bindingMessage);
	}

	private static String pendingBody(String... entries) {
		return "{\"pending\":[" + String.join(",", entries) + "]}";
	}

	private static List<String> fieldNames(JsonNode object) {
		List<String> names = new ArrayList<>();
		object.properties().forEach((member) -> names.add(member.getKey()));
		return names;
	}

	private static PublicKey publicKey(String algorithm, String base64) throws Exception {
		return KeyFactory.getInstance(algorithm)
			.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

}
