package dev.ciba.push.registration;

import java.util.Base64;
import java.util.regex.Pattern;

import dev.ciba.push.DeviceApiException;
import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DevicePublicKey;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.device.InvalidDeviceKeyException;
import dev.ciba.push.jwt.DeviceJwtPurpose;
import dev.ciba.push.jwt.DeviceJwtVerification.Verified;
import dev.ciba.push.jwt.DeviceJwtVerifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A phone replacing its key ({@code POST .../devices/{deviceId}/rotate-key}).
 * <p>
 * The token is signed with the key being replaced and carries {@code purpose} =
 * {@code rotate-key}, {@code iat}, {@code jti}, the new public key ({@code publicKey}:
 * base64 DER SubjectPublicKeyInfo, checked as at registration) and {@code proof}: the new
 * key's signature over {@code deviceId + "." + jti} (SHA256withRSA, or SHA256withECDSA in
 * DER form), which shows that the phone holds the new private key and binds that
 * signature to this one token. The key type may change. From the moment the key is
 * replaced, tokens signed with the old key are refused.
 */
@Service
public class DeviceKeyRotation {

	/**
	 * The claim carrying the new public key.
	 */
	public static final String PUBLIC_KEY_CLAIM = "publicKey";

	/**
	 * The claim carrying the new key's signature over {@code deviceId + "." + jti}.
	 */
	public static final String PROOF_CLAIM = "proof";

	private static final int MAX_PROOF_LENGTH = 2048;

	private static final Pattern WHITESPACE = Pattern.compile("\\s");

	private static final Logger logger = LoggerFactory.getLogger(DeviceKeyRotation.class);

	private final DeviceJwtVerifier verifier;

	private final DeviceRepository devices;

	private final DeviceEvents events;

	private final TransactionTemplate transactions;

	public DeviceKeyRotation(DeviceJwtVerifier verifier, DeviceRepository devices, DeviceEvents events,
			PlatformTransactionManager transactionManager) {
		this.verifier = verifier;
		this.devices = devices;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/**
	 * Replaces the key of the device named by the path.
	 * @throws DeviceApiException when the token, the new key or the proof is refused
	 */
	public void rotate(String deviceId, String token) {
		Verified jwt = this.verifier.verify(token, DeviceJwtPurpose.ROTATE_KEY, deviceId).orElseThrow();
		Device device = jwt.device();
		DevicePublicKey newKey = newKey(jwt.stringClaim(PUBLIC_KEY_CLAIM), device);
		checkProof(device, jwt.claims().getJWTID(), newKey, proof(jwt.stringClaim(PROOF_CLAIM)));
		if (newKey.encoded().equals(device.publicKey())) {
			throw DeviceApiException.invalidRequest("The token claim publicKey is the device's current key");
		}
		boolean replaced = Boolean.TRUE.equals(this.transactions.execute((status) -> {
			if (!this.devices.replaceKey(device.id(), device.publicKey(), newKey)) {
				return false;
			}
			this.events.record(DeviceEvent.keyRotated(device.customerId(), device.id()));
			return true;
		}));
		if (!replaced) {
			logger.debug("Refused a key rotation of device {}: its key changed meanwhile", device.id());
			throw DeviceApiException.invalidRequest("The device key was replaced meanwhile");
		}
		logger.info("Device {} replaced its {} key by a {} key", device.id(), device.keyType(), newKey.type());
	}

	private static DevicePublicKey newKey(@Nullable String publicKey, Device device) {
		if (publicKey == null || publicKey.isBlank()) {
			throw DeviceApiException.invalidRequest("The token claim publicKey is missing");
		}
		if (publicKey.length() > DeviceRegistrationService.MAX_KEY_LENGTH) {
			throw DeviceApiException.invalidRequest("The token claim publicKey is too long");
		}
		try {
			return DevicePublicKey.parse(publicKey);
		}
		catch (InvalidDeviceKeyException ex) {
			logger.debug("Refused a key rotation of device {}: {}", device.id(), ex.getMessage());
			throw DeviceApiException.invalidRequest("The token claim publicKey is not acceptable: " + ex.getMessage());
		}
	}

	private static byte[] proof(@Nullable String proof) {
		if (proof == null || proof.isBlank()) {
			throw DeviceApiException.invalidRequest("The token claim proof is missing");
		}
		if (proof.length() > MAX_PROOF_LENGTH) {
			throw DeviceApiException.invalidRequest("The token claim proof is too long");
		}
		try {
			return Base64.getDecoder().decode(WHITESPACE.matcher(proof).replaceAll(""));
		}
		catch (IllegalArgumentException ex) {
			throw DeviceApiException.invalidRequest("The token claim proof is not base64");
		}
	}

	/**
	 * The proof covers this token's {@code jti}, which the verifier has just used up: a
	 * proof taken from an earlier rotation is bound to a spent {@code jti} and cannot
	 * serve again.
	 */
	private static void checkProof(Device device, @Nullable String jti, DevicePublicKey newKey, byte[] proof) {
		if (jti == null || !newKey.verifies(device.id() + "." + jti, proof)) {
			logger.warn("Refused a key rotation of device {}: the proof does not verify with the new key", device.id());
			throw DeviceApiException.invalidRequest("The token claim proof does not verify with the new key");
		}
	}

}
