package dev.ciba.simulator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

class PhoneTests {

	private static final long NOW_SECONDS = TestPhones.NOW.getEpochSecond();

	@TempDir
	Path directory;

	@Test
	void registrationBodyWhenRsaThenSignatureVerifiesOverChallengeDotToken() throws Exception {
		Phone phone = TestPhones.phone(KeyType.RSA);

		Map<String, Object> body = phone.registrationBody("Demo phone", "Simulator", "fcm-token-1");

		assertThat(body).containsOnlyKeys("deviceId", "name", "model", "deviceToken", "publicKey", "signature");
		assertThat(body).containsEntry("deviceId", TestPhones.DEVICE_ID)
			.containsEntry("name", "Demo phone")
			.containsEntry("model", "Simulator")
			.containsEntry("deviceToken", "fcm-token-1");
		PublicKey sent = publicKey("RSA", (String) body.get("publicKey"));
		assertThat(sent).isEqualTo(phone.key().publicKey());
		assertThat(verifies("SHA256withRSA", sent, TestPhones.CHALLENGE + ".fcm-token-1", body.get("signature")))
			.isTrue();
	}

	@Test
	void registrationBodyWhenEcAndNoTokenThenDerSignatureVerifiesOverChallengeDot() throws Exception {
		Phone phone = TestPhones.phone(KeyType.EC);

		Map<String, Object> body = phone.registrationBody("Demo phone", "Simulator", "");

		PublicKey sent = publicKey("EC", (String) body.get("publicKey"));
		assertThat(sent.getAlgorithm()).isEqualTo("EC");
		assertThat(body).containsEntry("deviceToken", "");
		assertThat(verifies("SHA256withECDSA", sent, TestPhones.CHALLENGE + ".", body.get("signature"))).isTrue();
		assertThat(verifies("SHA256withECDSA", sent, TestPhones.CHALLENGE + ".x", body.get("signature"))).isFalse();
	}

	@Test
	void registrationBodyWhenLoadedPhoneThenIllegalState() throws Exception {
		Path file = this.directory.resolve("phone.json");
		TestPhones.phone(KeyType.RSA).save(file);
		Phone loaded = Phone.load(file);

		assertThatIllegalStateException().isThrownBy(() -> loaded.registrationBody("n", "m", ""))
			.withMessage("a phone loaded from its state file is registered already");
	}

	@Test
	void signJwtWhenRsaThenRs256WithDeviceIdHeaderAndExactClaims() throws Exception {
		Phone phone = TestPhones.phone(KeyType.RSA);
		PendingRequest request = TestPhones.pendingRequest("push-1", "/t/acme");

		String jwt = phone.signJwt(phone.answerClaims(request, Decision.APPROVED));

		TestJwts.Verified verified = TestJwts.verify(jwt, phone.key().publicKey());
		assertThat(verified.header())
			.containsExactlyInAnyOrderEntriesOf(Map.of("alg", "RS256", "typ", "JWT", "deviceId", TestPhones.DEVICE_ID));
		assertThat(verified.claims()).containsOnlyKeys("pushAuthId", "challenge", "response", "iat", "exp", "jti");
		assertThat(verified.claims()).containsEntry("pushAuthId", "push-1")
			.containsEntry("challenge", "challenge-of-push-1")
			.containsEntry("response", "APPROVED")
			.containsEntry("iat", NOW_SECONDS)
			.containsEntry("exp", NOW_SECONDS + 300);
		assertThat((String) verified.claims().get("jti")).hasSize(36);
	}

	@Test
	void signJwtWhenEcThenEs256() throws Exception {
		Phone phone = TestPhones.phone(KeyType.EC);

		String jwt = phone.signJwt(phone.answerClaims(TestPhones.pendingRequest("push-2", "/t/acme"), Decision.DENIED));

		TestJwts.Verified verified = TestJwts.verify(jwt, phone.key().publicKey());
		assertThat(verified.header()).containsEntry("alg", "ES256").containsEntry("deviceId", TestPhones.DEVICE_ID);
		assertThat(verified.claims()).containsEntry("response", "DENIED").containsEntry("pushAuthId", "push-2");
	}

	@Test
	void pendingClaimsWhenCalledThenPurposePendingLivingTwoMinutes() {
		Phone phone = TestPhones.phone(KeyType.RSA);

		Map<String, Object> claims = phone.pendingClaims();

		assertThat(claims).containsOnlyKeys("purpose", "iat", "exp", "jti");
		assertThat(claims).containsEntry("purpose", "pending")
			.containsEntry("iat", NOW_SECONDS)
			.containsEntry("exp", NOW_SECONDS + 120);
	}

	@Test
	void removeClaimsWhenCalledThenPurposeRemoveLivingTwoMinutes() {
		Phone phone = TestPhones.phone(KeyType.RSA);

		Map<String, Object> claims = phone.removeClaims();

		assertThat(claims).containsOnlyKeys("purpose", "iat", "exp", "jti");
		assertThat(claims).containsEntry("purpose", "remove")
			.containsEntry("iat", NOW_SECONDS)
			.containsEntry("exp", NOW_SECONDS + 120);
	}

	@Test
	void timedClaimsWhenCalledTwiceThenJtiDiffers() {
		Phone phone = TestPhones.phone(KeyType.RSA);

		assertThat(phone.pendingClaims().get("jti")).isNotEqualTo(phone.pendingClaims().get("jti"));
	}

	@Test
	void signJwtWhenHeaderOverridesAlgorithmAndDeviceThenSignsAsGiven() throws Exception {
		Phone phone = TestPhones.phone(KeyType.RSA);
		Map<String, Object> header = phone.jwtHeader();
		header.put("alg", "RS512");
		header.put("deviceId", "someone-else");

		String jwt = phone.signJwt(header, Map.of("purpose", "pending"));

		TestJwts.Verified verified = TestJwts.verify(jwt, phone.key().publicKey());
		assertThat(verified.header()).containsEntry("alg", "RS512").containsEntry("deviceId", "someone-else");
		assertThat(verified.claims()).containsExactlyEntriesOf(Map.of("purpose", "pending"));
	}

	@Test
	void signJwtWhenAlgorithmDoesNotFitKeyThenIllegalArgument() {
		Phone phone = TestPhones.phone(KeyType.RSA);
		Map<String, Object> header = phone.jwtHeader();
		header.put("alg", "ES256");

		assertThatIllegalArgumentException().isThrownBy(() -> phone.signJwt(header, Map.of()))
			.withMessageStartingWith("cannot sign with a RSA key");
	}

	@Test
	void answerClaimsWhenNumberTypedThenNumberChallengeClaim() {
		Phone phone = TestPhones.phone(KeyType.EC);
		PendingRequest request = TestPhones.pendingRequestWithNumbers("push-1", "17,42,93");

		Map<String, Object> claims = phone.answerClaims(request, Decision.APPROVED, "42");

		assertThat(claims).containsOnlyKeys("pushAuthId", "challenge", "response", "numberChallenge", "iat", "exp",
				"jti");
		assertThat(claims).containsEntry("numberChallenge", "42").containsEntry("response", "APPROVED");
		assertThat(phone.answerClaims(request, Decision.APPROVED)).doesNotContainKey("numberChallenge");
	}

	@Test
	void withKeyWhenRotatedThenSameDeviceSignsWithTheNewKey() throws Exception {
		Phone phone = TestPhones.phone(KeyType.RSA);
		DeviceKey newKey = DeviceKey.generate(KeyType.EC);

		Phone rotated = phone.withKey(newKey);

		assertThat(rotated.deviceId()).isEqualTo(phone.deviceId());
		assertThat(rotated.host()).isEqualTo(phone.host());
		TestJwts.Verified jwt = TestJwts.verify(rotated.signJwt(rotated.pendingClaims()), newKey.publicKey());
		assertThat(jwt.header()).containsEntry("alg", "ES256").containsEntry("deviceId", TestPhones.DEVICE_ID);
	}

	@Test
	void answerPathWhenRequestHasNoRelativePathThenTenantPath() {
		Phone phone = TestPhones.phone(KeyType.RSA);

		assertThat(phone.answerPath(TestPhones.pendingRequest("p", "/t/other"))).isEqualTo("/t/other");
		assertThat(phone.answerPath(TestPhones.pendingRequest("p", null))).isEqualTo("/t/acme");
		assertThat(phone.answerPath(TestPhones.pendingRequest("p", "t/acme"))).isEqualTo("/t/acme");
	}

	@Test
	void loadWhenSavedThenSameIdentityAndKeysThatStillSign() throws Exception {
		Phone phone = TestPhones.phone(KeyType.RSA);
		Path file = this.directory.resolve("phone.json");
		phone.save(file);

		Phone loaded = Phone.load(file);

		assertThat(loaded.deviceId()).isEqualTo(TestPhones.DEVICE_ID);
		assertThat(loaded.host()).isEqualTo("http://127.0.0.1:1");
		assertThat(loaded.tenantDomain()).isEqualTo("acme");
		assertThat(loaded.username()).isEqualTo("alice");
		assertThat(loaded.key().type()).isEqualTo(KeyType.RSA);
		assertThat(loaded.key().privateKey()).isEqualTo(phone.key().privateKey());
		String signature = loaded.key().sign("after load");
		assertThat(verifies("SHA256withRSA", phone.key().publicKey(), "after load", signature)).isTrue();
		TestJwts.verify(loaded.signJwt(loaded.pendingClaims()), phone.key().publicKey());
	}

	@Test
	void loadWhenSavedEcPhoneThenEcKeyThatStillSigns() throws Exception {
		Phone phone = TestPhones.phone(KeyType.EC);
		Path file = this.directory.resolve("phone.json");
		phone.save(file);

		Phone loaded = Phone.load(file);

		assertThat(loaded.key().type()).isEqualTo(KeyType.EC);
		String signature = loaded.key().sign("after load");
		assertThat(verifies("SHA256withECDSA", phone.key().publicKey(), "after load", signature)).isTrue();
	}

	@Test
	void saveWhenPosixFileSystemThenOwnerOnlyAndNoTemporaryFileLeft() throws Exception {
		assumeThat(this.directory.getFileSystem().supportedFileAttributeViews()).contains("posix");
		Path file = this.directory.resolve("phone.json");

		TestPhones.phone(KeyType.RSA).save(file);

		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (var files = Files.list(this.directory)) {
			assertThat(files).containsExactly(file);
		}
	}

	@Test
	void saveWhenFileExistsThenReplacesIt() throws Exception {
		Path file = this.directory.resolve("phone.json");
		Files.writeString(file, "old");

		TestPhones.phone(KeyType.RSA).save(file);

		assertThat(Files.readString(file)).startsWith("{\"host\":\"http://127.0.0.1:1\",\"tenantDomain\":\"acme\"");
	}

	@Test
	void loadWhenKeyHalvesDoNotMatchThenIllegalArgument() throws Exception {
		Path first = this.directory.resolve("first.json");
		Path second = this.directory.resolve("second.json");
		TestPhones.phone(KeyType.RSA).save(first);
		TestPhones.phone(KeyType.RSA).save(second);
		String otherPublicKey = Json.readObject(Files.readString(second), "second").get("publicKey").asString();
		String mixed = Files.readString(first)
			.replaceFirst("\"publicKey\":\"[^\"]+\"", "\"publicKey\":\"" + otherPublicKey + "\"");
		Files.writeString(first, mixed);

		assertThatIllegalArgumentException().isThrownBy(() -> Phone.load(first))
			.withMessage("the saved public key does not belong to the saved private key");
	}

	@Test
	void loadWhenDeviceIdMissingThenIllegalArgumentNamingIt() throws Exception {
		Path file = this.directory.resolve("phone.json");
		Files.writeString(file, "{\"host\":\"http://localhost:8080\",\"tenantDomain\":\"acme\"}");

		assertThatIllegalArgumentException().isThrownBy(() -> Phone.load(file))
			.withMessage("the state file " + file + " lacks \"deviceId\"");
	}

	private static PublicKey publicKey(String algorithm, String base64) throws Exception {
		return KeyFactory.getInstance(algorithm)
			.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
	}

	private static boolean verifies(String algorithm, PublicKey key, String text, Object base64Signature)
			throws Exception {
		Signature verifier = Signature.getInstance(algorithm);
		verifier.initVerify(key);
		verifier.update(text.getBytes(StandardCharsets.UTF_8));
		return verifier.verify(Base64.getDecoder().decode((String) base64Signature));
	}

}
