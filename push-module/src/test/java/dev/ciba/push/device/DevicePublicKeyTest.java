package dev.ciba.push.device;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import dev.ciba.push.DeviceSignatures;
import dev.ciba.push.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DevicePublicKeyTest {

	@Test
	void parseWhenRsa2048ThenRsaPinnedToRs256() throws Exception {
		DevicePublicKey key = DevicePublicKey.parse(TestKeys.publicKeyBase64(TestKeys.RSA_2048));

		assertThat(key.type()).isEqualTo(DeviceKeyType.RSA);
		assertThat(key.type().jwsAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(key.encoded()).isEqualTo(TestKeys.publicKeyBase64(TestKeys.RSA_2048));
	}

	@Test
	void parseWhenEcP256ThenEcPinnedToEs256() throws Exception {
		DevicePublicKey key = DevicePublicKey.parse(TestKeys.publicKeyBase64(TestKeys.EC_P256));

		assertThat(key.type()).isEqualTo(DeviceKeyType.EC_P256);
		assertThat(key.type().jwsAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
	}

	@Test
	void parseWhenRsa1024ThenRefused() {
		assertThatExceptionOfType(InvalidDeviceKeyException.class)
			.isThrownBy(() -> DevicePublicKey.parse(TestKeys.publicKeyBase64(TestKeys.RSA_1024)))
			.withMessage("The RSA key must have 2048 to 8192 bits");
	}

	@Test
	void parseWhenRsa1024AndGenerationOneMinimumThenAccepted() throws Exception {
		DevicePublicKey key = DevicePublicKey.parse(TestKeys.publicKeyBase64(TestKeys.RSA_1024),
				DevicePublicKey.MIN_WSO2_V1_RSA_BITS);

		assertThat(key.type()).isEqualTo(DeviceKeyType.RSA);
	}

	@Test
	void parseWhenRsa512AndGenerationOneMinimumThenRefused() throws Exception {
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
		generator.initialize(512);
		String small = TestKeys.publicKeyBase64(generator.generateKeyPair());

		assertThatExceptionOfType(InvalidDeviceKeyException.class)
			.isThrownBy(() -> DevicePublicKey.parse(small, DevicePublicKey.MIN_WSO2_V1_RSA_BITS))
			.withMessage("The RSA key must have 1024 to 8192 bits");
	}

	@Test
	void parseStoredWhenRsa1024OfAGenerationOneDeviceThenParsed() {
		DevicePublicKey key = DevicePublicKey.parseStored(TestKeys.publicKeyBase64(TestKeys.RSA_1024),
				DeviceKeyType.RSA);

		assertThat(key.key()).isEqualTo(TestKeys.RSA_1024.getPublic());
	}

	@Test
	void parseWhenRsaExponentIsThreeThenRefused() throws Exception {
		java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
		generator.initialize(new java.security.spec.RSAKeyGenParameterSpec(2048, java.math.BigInteger.valueOf(3)));
		String smallExponent = TestKeys.publicKeyBase64(generator.generateKeyPair());

		assertThatExceptionOfType(InvalidDeviceKeyException.class)
			.isThrownBy(() -> DevicePublicKey.parse(smallExponent))
			.withMessageContaining("exponent");
	}

	@Test
	void parseWhenEcP384ThenRefused() {
		assertThatExceptionOfType(InvalidDeviceKeyException.class)
			.isThrownBy(() -> DevicePublicKey.parse(TestKeys.publicKeyBase64(TestKeys.EC_P384)))
			.withMessage("The EC key must be on the curve P-256");
	}

	@Test
	void parseWhenNotBase64ThenRefused() {
		assertThatExceptionOfType(InvalidDeviceKeyException.class).isThrownBy(() -> DevicePublicKey.parse("%%%"))
			.withMessage("The public key is not base64");
	}

	@Test
	void parseWhenNotAKeyThenRefused() {
		String garbage = Base64.getEncoder().encodeToString("not a key".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(InvalidDeviceKeyException.class).isThrownBy(() -> DevicePublicKey.parse(garbage))
			.withMessage("The public key is not a DER SubjectPublicKeyInfo of an RSA or EC key");
	}

	@Test
	void verifiesWhenRsaSignatureOverTextThenTrue() throws Exception {
		DevicePublicKey key = DevicePublicKey.parse(TestKeys.publicKeyBase64(TestKeys.RSA_2048));
		byte[] signature = Base64.getDecoder().decode(DeviceSignatures.sign(TestKeys.RSA_2048, "chg.token"));

		assertThat(key.verifies("chg.token", signature)).isTrue();
		assertThat(key.verifies("chg.other", signature)).isFalse();
	}

	@Test
	void verifiesWhenEcSignatureOverTextThenTrue() throws Exception {
		DevicePublicKey key = DevicePublicKey.parse(TestKeys.publicKeyBase64(TestKeys.EC_P256));
		byte[] signature = Base64.getDecoder().decode(DeviceSignatures.sign(TestKeys.EC_P256, "chg."));

		assertThat(key.verifies("chg.", signature)).isTrue();
	}

	@Test
	void verifiesWhenSignedByAnotherKeyThenFalse() throws Exception {
		DevicePublicKey key = DevicePublicKey.parse(TestKeys.publicKeyBase64(TestKeys.EC_P256));
		byte[] signature = Base64.getDecoder().decode(DeviceSignatures.sign(TestKeys.EC_P256_OTHER, "chg."));

		assertThat(key.verifies("chg.", signature)).isFalse();
	}

	@Test
	void verifiesWhenSignatureIsNotDerThenFalse() throws Exception {
		DevicePublicKey key = DevicePublicKey.parse(TestKeys.publicKeyBase64(TestKeys.EC_P256));

		assertThat(key.verifies("chg.", new byte[] { 1, 2, 3 })).isFalse();
	}

}
