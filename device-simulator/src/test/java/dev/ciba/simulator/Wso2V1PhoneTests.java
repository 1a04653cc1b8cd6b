package dev.ciba.simulator;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A phone of generation 1 ("push-auth") of the WSO2 protocol: what it sends, in the form
 * of the React Native SDK.
 */
class Wso2V1PhoneTests {

	private static final long NOW_SECONDS = TestPhones.NOW.getEpochSecond();

	private static final String AUDIENCE = "http://127.0.0.1:1/t/acme/";

	@TempDir
	Path directory;

	@Test
	void createWhenDefaultGenerationOneKeyThenRsa1024() {
		Phone phone = TestPhones.wso2V1Phone(KeyType.RSA_1024);

		assertThat(phone.protocol()).isEqualTo(Protocol.WSO2_V1);
		assertThat(((RSAPublicKey) phone.key().publicKey()).getModulus().bitLength()).isEqualTo(1024);
	}

	@Test
	void createWhenEcKeyThenIllegalArgument() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Phone.create(TestPhones.wso2V1DiscoveryData("http://127.0.0.1:1"), KeyType.EC,
					HttpClient.newHttpClient(), TestPhones.CLOCK))
			.withMessage("generation 1 of the protocol takes RSA keys only");
	}

	@Test
	void registrationBodyWhenGenerationOneThenPushIdAndSignatureOverChallengeDotPushId() throws Exception {
		Phone phone = TestPhones.wso2V1Phone(KeyType.RSA_1024);

		Map<String, Object> body = phone.registrationBody("Galaxy", "SM-G991B", "fcm-1");

		assertThat(body).containsOnlyKeys("deviceId", "name", "model", "pushId", "publicKey", "signature");
		assertThat(body).containsEntry("deviceId", TestPhones.DEVICE_ID).containsEntry("pushId", "fcm-1");
		assertThat(body.get("publicKey")).isEqualTo(phone.key().encodedPublicKey());
		Signature verifier = Signature.getInstance("SHA256withRSA");
		verifier.initVerify(phone.key().publicKey());
		verifier.update((TestPhones.CHALLENGE + ".fcm-1").getBytes(StandardCharsets.UTF_8));
		assertThat(verifier.verify(Base64.getDecoder().decode((String) body.get("signature")))).isTrue();
	}

	@Test
	void answerTokenWhenApprovedThenSdkHeaderAndClaims() throws Exception {
		Phone phone = TestPhones.wso2V1Phone(KeyType.RSA_1024);

		String jwt = phone.signJwt(phone.answerClaims(TestPhones.pendingRequest("push-1", null), Decision.APPROVED));

		TestJwts.Verified verified = TestJwts.verify(jwt, phone.key().publicKey());
		assertThat(verified.header())
			.containsExactlyInAnyOrderEntriesOf(Map.of("alg", "RS256", "did", TestPhones.DEVICE_ID));
		assertThat(verified.claims()).containsOnlyKeys("jti", "sub", "iss", "aud", "nbf", "iat", "exp", "sid", "chg",
				"res");
		assertThat(verified.claims()).containsEntry("sub", "alice@acme")
			.containsEntry("iss", "wso2verify")
			.containsEntry("aud", AUDIENCE)
			.containsEntry("nbf", NOW_SECONDS)
			.containsEntry("iat", NOW_SECONDS)
			.containsEntry("exp", NOW_SECONDS + 3600)
			.containsEntry("sid", "push-1")
			.containsEntry("chg", "challenge-of-push-1")
			.containsEntry("res", "SUCCESSFUL");
	}

	@Test
	void answerClaimsWhenDeniedThenResDenied() {
		Phone phone = TestPhones.wso2V1Phone(KeyType.RSA_1024);

		assertThat(phone.answerClaims(TestPhones.pendingRequest("push-1", null), Decision.DENIED)).containsEntry("res",
				"DENIED");
	}

	@Test
	void removeClaimsWhenGenerationOneThenActRemoveWithoutAnswerClaims() {
		Phone phone = TestPhones.wso2V1Phone(KeyType.RSA_1024);

		Map<String, Object> claims = phone.removeClaims();

		assertThat(claims).containsOnlyKeys("jti", "sub", "iss", "aud", "nbf", "iat", "exp", "act");
		assertThat(claims).containsEntry("act", "REMOVE").containsEntry("exp", NOW_SECONDS + 3600);
	}

	@Test
	void pendingClaimsWhenGenerationOneThenPurposePendingWithNbfAndAudience() {
		Phone phone = TestPhones.wso2V1Phone(KeyType.RSA_1024);

		Map<String, Object> claims = phone.pendingClaims();

		assertThat(claims).containsOnlyKeys("purpose", "iat", "exp", "jti", "nbf", "aud");
		assertThat(claims).containsEntry("purpose", "pending")
			.containsEntry("nbf", NOW_SECONDS)
			.containsEntry("exp", NOW_SECONDS + 120)
			.containsEntry("aud", AUDIENCE);
	}

	@Test
	void loadWhenSavedGenerationOnePhoneThenSameProtocolPathsAndKey() throws Exception {
		Phone phone = TestPhones.wso2V1Phone(KeyType.RSA_1024);
		Path file = this.directory.resolve("phone.json");
		phone.save(file);

		Phone loaded = Phone.load(file);

		assertThat(Json.readObject(Files.readString(file), "state").get("protocol").asString()).isEqualTo("wso2-v1");
		assertThat(loaded.protocol()).isEqualTo(Protocol.WSO2_V1);
		assertThat(loaded.key().type()).isEqualTo(KeyType.RSA_1024);
		assertThat(loaded.jwtHeader()).containsOnlyKeys("alg", "did");
		TestJwts.verify(loaded.signJwt(loaded.removeClaims()), phone.key().publicKey());
	}

	@Test
	void loadWhenStateFileHasNoProtocolThenGenerationTwo() throws Exception {
		Path file = this.directory.resolve("phone.json");
		TestPhones.phone(KeyType.RSA).save(file);
		String withoutProtocol = Files.readString(file).replace(",\"protocol\":\"wso2-v2\"", "");
		Files.writeString(file, withoutProtocol);

		Phone loaded = Phone.load(file);

		assertThat(withoutProtocol).doesNotContain("protocol");
		assertThat(loaded.protocol()).isEqualTo(Protocol.WSO2_V2);
		assertThat(loaded.jwtHeader()).containsOnlyKeys("alg", "typ", "deviceId");
	}

}
