package dev.ciba.push.jwt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.audit.DeviceEvent;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.device.Device;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.device.DevicePublicKey;
import dev.ciba.push.device.DeviceRepository;
import dev.ciba.push.jwt.DeviceJwtVerification.Refused;
import dev.ciba.push.jwt.DeviceJwtVerification.Verified;
import dev.ciba.push.limits.DeviceAbuseLimits;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Verifies every device-signed JWT. The key comes from the device named by the
 * {@code deviceId} header, never from the token; the algorithm is pinned to that key's
 * type (RS256 or ES256), so {@code none} and HMAC tokens are refused.
 * <p>
 * Beyond the WSO2 protocol: {@code exp} is required and the lifetime bounded, clock skew
 * is tolerated both ways, {@code jti} is single use, and the {@code purpose} claim must
 * fit the call.
 * <p>
 * Every refusal of a token that names a device is a device event. A bad signature counts
 * against the device's limit; once it is used up, the device is refused with 429 before
 * its signature is even checked, until the window ends.
 * <p>
 * Tokens of generation 1 of the protocol (header {@code did}, only while its
 * compatibility profile is on) are held to more: {@code iat}, {@code nbf}, {@code jti}
 * and {@code aud} (the server's tenant URL) are required, the {@code act} claim must fit
 * the call, and answer and remove tokens may live up to the profile's own maximum (the
 * SDK signs them for an hour). A device signs in the form of its own generation only.
 */
@Component
public class DeviceJwtVerifier {

	/**
	 * The header parameter naming the signing device (G2 of the WSO2 protocol).
	 */
	public static final String DEVICE_ID_HEADER = "deviceId";

	/**
	 * The claim naming what a token is for.
	 */
	public static final String PURPOSE_CLAIM = "purpose";

	/**
	 * The claims of an answer; a remove or update token without {@code purpose} must
	 * carry none of them.
	 */
	public static final List<String> ANSWER_CLAIMS = List.of("pushAuthId", "challenge", "response");

	/**
	 * The claim naming what a generation-1 token is for ({@code REMOVE} on remove
	 * tokens).
	 */
	public static final String ACTION_CLAIM = "act";

	/**
	 * The {@code act} value of a generation-1 remove token.
	 */
	public static final String REMOVE_ACTION = "REMOVE";

	/**
	 * The claims of a generation-1 answer; a generation-1 remove token must carry none of
	 * them.
	 */
	public static final List<String> WSO2_V1_ANSWER_CLAIMS = List.of("sid", "chg", "res");

	private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private static final int MAX_JTI_LENGTH = 256;

	private static final Logger logger = LoggerFactory.getLogger(DeviceJwtVerifier.class);

	private final DeviceRepository devices;

	private final JwtReplayStore replayStore;

	private final PushChannelSettings.DeviceJwt settings;

	private final PushChannelSettings.Wso2V1 wso2V1;

	private final String wso2V1Audience;

	private final Clock clock;

	private final DeviceAbuseLimits limits;

	private final DeviceEvents events;

	public DeviceJwtVerifier(DeviceRepository devices, JwtReplayStore replayStore, PushChannelSettings settings,
			Clock clock, DeviceAbuseLimits limits, DeviceEvents events) {
		this.devices = devices;
		this.replayStore = replayStore;
		this.settings = settings.deviceJwt();
		this.wso2V1 = settings.wso2V1();
		this.wso2V1Audience = settings.wso2V1Audience();
		this.clock = clock;
		this.limits = limits;
		this.events = events;
	}

	/**
	 * The protocol generation a token's header speaks: generation 1 if its compatibility
	 * profile is on and the header names the device by {@code did} alone, else generation
	 * 2 (whose checks then refuse whatever is wrong with the token). Only reads the
	 * header; nothing is verified.
	 */
	public DeviceProtocol protocolOf(String token) {
		if (!this.wso2V1.enabled()) {
			return DeviceProtocol.WSO2_PUSH;
		}
		Header header;
		try {
			header = JWTParser.parse(token).getHeader();
		}
		catch (ParseException ex) {
			return DeviceProtocol.WSO2_PUSH;
		}
		boolean namesDid = header.getCustomParam(DeviceProtocol.WSO2_PUSH_AUTH.deviceIdHeader()) != null;
		boolean namesDeviceId = header.getCustomParam(DeviceProtocol.WSO2_PUSH.deviceIdHeader()) != null;
		return (namesDid && !namesDeviceId) ? DeviceProtocol.WSO2_PUSH_AUTH : DeviceProtocol.WSO2_PUSH;
	}

	/**
	 * Verifies a device token for one purpose.
	 * @param token the compact JWT
	 * @param purpose what the token is used for
	 * @param expectedDeviceId the device the call is about (from the path), or
	 * {@code null}; when given, the header must name it or name no device
	 * @throws DeviceApiException 429 while the device is locked after too many bad
	 * signatures
	 */
	public DeviceJwtVerification verify(String token, DeviceJwtPurpose purpose, @Nullable String expectedDeviceId) {
		return verify(token, purpose, expectedDeviceId, DeviceProtocol.WSO2_PUSH);
	}

	/**
	 * Verifies a device token of one protocol generation for one purpose.
	 * @param token the compact JWT
	 * @param purpose what the token is used for
	 * @param expectedDeviceId the device the call is about (from the path), or
	 * {@code null}
	 * @param protocol the generation the token must be in; the device must have
	 * registered with it
	 */
	public DeviceJwtVerification verify(String token, DeviceJwtPurpose purpose, @Nullable String expectedDeviceId,
			DeviceProtocol protocol) {
		Attempt attempt = new Attempt();
		try {
			return verify(token, purpose, expectedDeviceId, protocol, attempt);
		}
		catch (RefusalException ex) {
			return refuse(ex.reason, attempt, purpose);
		}
	}

	private Verified verify(String token, DeviceJwtPurpose purpose, @Nullable String expectedDeviceId,
			DeviceProtocol protocol, Attempt attempt) throws RefusalException {
		SignedJWT jwt = parse(token);
		attempt.deviceId = deviceId(jwt.getHeader(), expectedDeviceId, protocol, attempt);
		Device device = loadDevice(attempt.deviceId, protocol, attempt);
		this.limits.checkNotLocked(device.customerId(), device.id());
		checkAlgorithm(jwt.getHeader(), device);
		checkSignature(jwt, device);
		JWTClaimsSet claims = claims(jwt);
		boolean wso2V1 = protocol == DeviceProtocol.WSO2_PUSH_AUTH;
		Instant expiresAt = checkTimes(claims, purpose, wso2V1);
		if (wso2V1) {
			checkWso2V1Purpose(claims, purpose);
			checkWso2V1Audience(claims);
		}
		else {
			checkPurpose(claims, purpose);
		}
		checkSingleUse(jwt, claims, purpose, wso2V1, device.id(), expiresAt);
		return new Verified(device, claims);
	}

	private SignedJWT parse(String token) throws RefusalException {
		JWT jwt;
		try {
			jwt = JWTParser.parse(token);
		}
		catch (ParseException ex) {
			throw new RefusalException(DeviceJwtRefusal.MALFORMED);
		}
		if (jwt instanceof SignedJWT signed) {
			return signed;
		}
		// Unsecured (alg "none") and encrypted tokens are never accepted.
		throw new RefusalException(DeviceJwtRefusal.ALGORITHM_NOT_ALLOWED);
	}

	private String deviceId(JWSHeader header, @Nullable String expectedDeviceId, DeviceProtocol protocol,
			Attempt attempt) throws RefusalException {
		if (expectedDeviceId != null && !DEVICE_ID.matcher(expectedDeviceId).matches()) {
			throw new RefusalException(DeviceJwtRefusal.UNKNOWN_DEVICE);
		}
		Object value = header.getCustomParam(protocol.deviceIdHeader());
		if (value == null) {
			// WSO2 remove tokens of generation 2 name no device: the path names it.
			// Generation-1 tokens always carry did.
			if (expectedDeviceId != null && protocol == DeviceProtocol.WSO2_PUSH) {
				return expectedDeviceId;
			}
			throw new RefusalException((protocol == DeviceProtocol.WSO2_PUSH) ? DeviceJwtRefusal.MISSING_DEVICE_ID
					: DeviceJwtRefusal.MISSING_DID);
		}
		if (!(value instanceof String deviceId) || !DEVICE_ID.matcher(deviceId).matches()) {
			throw new RefusalException(DeviceJwtRefusal.MALFORMED);
		}
		if (expectedDeviceId != null && !expectedDeviceId.equals(deviceId)) {
			attempt.deviceId = deviceId;
			throw new RefusalException(DeviceJwtRefusal.DEVICE_MISMATCH);
		}
		return deviceId;
	}

	private Device loadDevice(String deviceId, DeviceProtocol protocol, Attempt attempt) throws RefusalException {
		Device device = this.devices.findById(deviceId)
			.orElseThrow(() -> new RefusalException(DeviceJwtRefusal.UNKNOWN_DEVICE));
		attempt.customerId = device.customerId();
		if (!device.active()) {
			throw new RefusalException(DeviceJwtRefusal.DEVICE_REMOVED);
		}
		// A device speaks the generation it registered with, and generation 1 only while
		// its profile is on.
		if (device.protocol() != protocol || (protocol == DeviceProtocol.WSO2_PUSH_AUTH && !this.wso2V1.enabled())) {
			throw new RefusalException(DeviceJwtRefusal.WRONG_PROTOCOL);
		}
		return device;
	}

	// A token in the wrong algorithm proves no more than a bad signature does: it counts
	// against the same limit, so that it cannot fill the audit trail either.
	private void checkAlgorithm(JWSHeader header, Device device) throws RefusalException {
		if (!device.keyType().jwsAlgorithm().equals(header.getAlgorithm())) {
			this.limits.countBadSignature(device.customerId(), device.id());
			throw new RefusalException(DeviceJwtRefusal.ALGORITHM_NOT_ALLOWED);
		}
	}

	private void checkSignature(SignedJWT jwt, Device device) throws RefusalException {
		try {
			if (!jwt.verify(verifier(device))) {
				this.limits.countBadSignature(device.customerId(), device.id());
				throw new RefusalException(DeviceJwtRefusal.BAD_SIGNATURE);
			}
		}
		catch (JOSEException ex) {
			// Cannot verify at all: a fault of the stored key, not of the token.
			throw new IllegalStateException("Cannot verify tokens of device " + device.id(), ex);
		}
	}

	private static JWSVerifier verifier(Device device) throws JOSEException {
		DevicePublicKey key = DevicePublicKey.parseStored(device.publicKey(), device.keyType());
		return switch (key.type()) {
			case RSA -> new RSASSAVerifier((RSAPublicKey) key.key());
			case EC_P256 -> new ECDSAVerifier((ECPublicKey) key.key());
		};
	}

	private static JWTClaimsSet claims(SignedJWT jwt) throws RefusalException {
		try {
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw new RefusalException(DeviceJwtRefusal.MALFORMED);
		}
	}

	/**
	 * Checks {@code exp}, {@code iat}, {@code nbf} and the lifetime; returns the expiry.
	 * The skew is tolerated both ways. The lifetime is {@code exp - iat}, or
	 * {@code exp - now} (plus the skew) for tokens without {@code iat}, as the WSO2 SDKs
	 * of generation 2 send them. Generation-1 tokens must carry {@code iat} and
	 * {@code nbf}.
	 */
	private Instant checkTimes(JWTClaimsSet claims, DeviceJwtPurpose purpose, boolean wso2V1) throws RefusalException {
		Instant now = this.clock.instant();
		Duration skew = this.settings.clockSkew();
		Instant expiresAt = instant(claims.getExpirationTime(), DeviceJwtRefusal.MISSING_EXPIRY);
		if (!now.isBefore(expiresAt.plus(skew))) {
			throw new RefusalException(DeviceJwtRefusal.EXPIRED);
		}
		Date issuedAt = claims.getIssueTime();
		if (issuedAt == null && (purpose.requiresIssuedAtAndJti() || wso2V1)) {
			throw new RefusalException(DeviceJwtRefusal.MISSING_ISSUED_AT);
		}
		if (issuedAt != null && issuedAt.toInstant().isAfter(now.plus(skew))) {
			throw new RefusalException(DeviceJwtRefusal.ISSUED_IN_FUTURE);
		}
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore == null && wso2V1) {
			throw new RefusalException(DeviceJwtRefusal.MISSING_NOT_BEFORE);
		}
		if (notBefore != null && notBefore.toInstant().isAfter(now.plus(skew))) {
			throw new RefusalException(DeviceJwtRefusal.NOT_YET_VALID);
		}
		Duration maxLifetime = maxLifetime(purpose, wso2V1);
		Duration lifetime = (issuedAt != null) ? Duration.between(issuedAt.toInstant(), expiresAt)
				: Duration.between(now, expiresAt).minus(skew);
		if (lifetime.compareTo(maxLifetime) > 0) {
			throw new RefusalException(DeviceJwtRefusal.LIFETIME_TOO_LONG);
		}
		return expiresAt;
	}

	/**
	 * Generation-1 answer and remove tokens may live up to the profile's maximum; every
	 * other token lives as long as its purpose allows.
	 */
	private Duration maxLifetime(DeviceJwtPurpose purpose, boolean wso2V1) {
		if (wso2V1 && (purpose == DeviceJwtPurpose.AUTHENTICATE || purpose == DeviceJwtPurpose.REMOVE)) {
			return this.wso2V1.maxTokenLifetime();
		}
		return purpose.maxLifetime(this.settings);
	}

	private static Instant instant(@Nullable Date date, DeviceJwtRefusal whenMissing) throws RefusalException {
		if (date == null) {
			throw new RefusalException(whenMissing);
		}
		return date.toInstant();
	}

	private static void checkPurpose(JWTClaimsSet claims, DeviceJwtPurpose purpose) throws RefusalException {
		String value = stringClaim(claims, PURPOSE_CLAIM);
		if (purpose.claimValue().equals(value)) {
			return;
		}
		if (value == null && purpose == DeviceJwtPurpose.AUTHENTICATE) {
			return;
		}
		// DESIGN, Decisions -> Devices: WSO2 remove and update tokens carry no purpose.
		// Accept them only if they cannot be a captured answer (lifetime is capped too).
		if (value == null && purpose.singleUseWithoutJti() && hasNoAnswerClaims(claims)) {
			return;
		}
		throw new RefusalException(DeviceJwtRefusal.WRONG_PURPOSE);
	}

	private static boolean hasNoAnswerClaims(JWTClaimsSet claims) {
		return ANSWER_CLAIMS.stream().noneMatch((name) -> claims.getClaim(name) != null);
	}

	/**
	 * Generation 1 names a remove token by {@code act} = {@code REMOVE} (which the WSO2
	 * server never checked, so any token of the device could remove it). Here a remove
	 * token must say so and carry no answer claims, an answer must carry no {@code act},
	 * and our pending pull needs {@code purpose} = {@code pending}, as in generation 2.
	 */
	private static void checkWso2V1Purpose(JWTClaimsSet claims, DeviceJwtPurpose purpose) throws RefusalException {
		String value = stringClaim(claims, PURPOSE_CLAIM);
		String action = stringClaim(claims, ACTION_CLAIM);
		if (purpose == DeviceJwtPurpose.REMOVE) {
			if (!REMOVE_ACTION.equals(action)) {
				throw new RefusalException(DeviceJwtRefusal.WRONG_ACTION);
			}
			boolean answerClaims = WSO2_V1_ANSWER_CLAIMS.stream().anyMatch((name) -> claims.getClaim(name) != null);
			if (answerClaims || (value != null && !purpose.claimValue().equals(value))) {
				throw new RefusalException(DeviceJwtRefusal.WRONG_PURPOSE);
			}
			return;
		}
		if (action != null) {
			throw new RefusalException(DeviceJwtRefusal.WRONG_ACTION);
		}
		boolean fits = purpose.claimValue().equals(value)
				|| (value == null && purpose == DeviceJwtPurpose.AUTHENTICATE);
		if (!fits) {
			throw new RefusalException(DeviceJwtRefusal.WRONG_PURPOSE);
		}
	}

	/**
	 * The generation-1 SDK addresses its tokens to {@code hst + "/t/" + td + "/"}; the
	 * WSO2 server never checked it. Here it must name exactly this server's tenant.
	 */
	private void checkWso2V1Audience(JWTClaimsSet claims) throws RefusalException {
		if (!List.of(this.wso2V1Audience).equals(claims.getAudience())) {
			throw new RefusalException(DeviceJwtRefusal.WRONG_AUDIENCE);
		}
	}

	private void checkSingleUse(SignedJWT jwt, JWTClaimsSet claims, DeviceJwtPurpose purpose, boolean wso2V1,
			String deviceId, Instant expiresAt) throws RefusalException {
		String jti = stringClaim(claims, "jti");
		if (jti != null && (jti.isEmpty() || jti.length() > MAX_JTI_LENGTH)) {
			throw new RefusalException(DeviceJwtRefusal.MALFORMED);
		}
		if (jti == null && (purpose.requiresIssuedAtAndJti() || wso2V1)) {
			throw new RefusalException(DeviceJwtRefusal.MISSING_JTI);
		}
		String replayKey = replayKey(jwt, jti, purpose, deviceId);
		if (replayKey == null) {
			return;
		}
		Instant keepUntil = expiresAt.plus(this.settings.clockSkew());
		if (!this.replayStore.markUsed(sha256(replayKey), keepUntil)) {
			throw new RefusalException(DeviceJwtRefusal.REPLAYED);
		}
	}

	/**
	 * What names a token for its single use: its {@code jti}, scoped by device; for
	 * remove and update tokens without {@code jti}, the signed part of the token (the
	 * signature is left out, since an ECDSA signature can be altered without the key).
	 */
	private static @Nullable String replayKey(SignedJWT jwt, @Nullable String jti, DeviceJwtPurpose purpose,
			String deviceId) {
		if (jti != null) {
			return "jti\n" + deviceId + "\n" + jti;
		}
		if (purpose.singleUseWithoutJti()) {
			return "jws\n" + deviceId + "\n" + new String(jwt.getSigningInput(), StandardCharsets.US_ASCII);
		}
		return null;
	}

	private static @Nullable String stringClaim(JWTClaimsSet claims, String name) throws RefusalException {
		try {
			return claims.getStringClaim(name);
		}
		catch (ParseException ex) {
			throw new RefusalException(DeviceJwtRefusal.MALFORMED);
		}
	}

	private static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing", ex);
		}
	}

	private Refused refuse(DeviceJwtRefusal reason, Attempt attempt, DeviceJwtPurpose purpose) {
		String deviceId = attempt.deviceId;
		// A token that names no device, or a device id that was never registered, is
		// attributable to no one: logged, not audited. Anyone can invent device ids, so
		// auditing them would let strangers fill the trail.
		if (deviceId != null && reason != DeviceJwtRefusal.UNKNOWN_DEVICE) {
			this.events.record(DeviceEvent.refused(attempt.customerId, deviceId, null, reason.auditReason()));
		}
		if (reason.securityEvent()) {
			logger.warn("Refused a device token ({}) of device {}: {}", purpose.claimValue(), deviceId, reason);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Refused a device token ({}) of device {}: {} ({})", purpose.claimValue(), deviceId, reason,
					reason.error());
		}
		return new Refused(reason, deviceId);
	}

	private static final class Attempt {

		private @Nullable String deviceId;

		private @Nullable String customerId;

	}

	private static final class RefusalException extends Exception {

		private final DeviceJwtRefusal reason;

		RefusalException(DeviceJwtRefusal reason) {
			super(reason.name(), null, false, false);
			this.reason = reason;
		}

	}

}
