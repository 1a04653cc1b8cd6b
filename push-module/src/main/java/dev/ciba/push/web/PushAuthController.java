package dev.ciba.push.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.ciba.push.DeviceApiErrors;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.auth.DeviceAnswerService;
import dev.ciba.push.auth.PendingPushAuths;
import dev.ciba.push.device.DeviceProtocol;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The phone's answers ({@code POST /t/{tenant}/push-auth/authenticate}) and the
 * pending-request pull ({@code GET /t/{tenant}/push-auth/pending}).
 */
@RestController
public class PushAuthController {

	private static final String BEARER = "bearer ";

	private final DeviceAnswerService answers;

	private final PendingPushAuths pending;

	private final PushChannelSettings settings;

	public PushAuthController(DeviceAnswerService answers, PendingPushAuths pending, PushChannelSettings settings) {
		this.answers = answers;
		this.pending = pending;
		this.settings = settings;
	}

	/**
	 * Takes an answer: {@code 200} in generation 2; {@code 202} in generation 1 (header
	 * {@code did}, while its profile is on), whose SDK counts only 202 as success.
	 */
	@PostMapping(DeviceApiPaths.AUTHENTICATE)
	public ResponseEntity<Map<String, String>> authenticate(@PathVariable String tenant,
			@RequestBody AuthenticateRequest request) {
		DeviceApiPaths.checkTenant(this.settings, tenant);
		DeviceProtocol protocol = this.answers.answer(RequiredParameters.jwt(request.authResponse(), "authResponse"));
		HttpStatus status = (protocol == DeviceProtocol.WSO2_PUSH_AUTH) ? HttpStatus.ACCEPTED : HttpStatus.OK;
		return ResponseEntity.status(status).body(Map.of("status", "OK"));
	}

	@GetMapping(DeviceApiPaths.PENDING)
	public ResponseEntity<Map<String, List<Map<String, String>>>> pending(@PathVariable String tenant,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
		DeviceApiPaths.checkTenant(this.settings, tenant);
		List<Map<String, String>> entries = this.pending.pending(bearerToken(authorization));
		return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(Map.of("pending", entries));
	}

	@RequestMapping(DeviceApiPaths.AUTHENTICATE)
	public void otherAuthenticateMethods() {
		throw DeviceApiPaths.methodNotAllowed("POST");
	}

	@RequestMapping(DeviceApiPaths.PENDING)
	public void otherPendingMethods() {
		throw DeviceApiPaths.methodNotAllowed("GET");
	}

	/**
	 * The token of an {@code Authorization: Bearer} header (RFC 6750 §2.1). Without one,
	 * the challenge carries no error code (§3.1).
	 */
	private static String bearerToken(@Nullable String authorization) {
		if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
			throw new DeviceApiException(HttpStatus.UNAUTHORIZED, DeviceApiErrors.INVALID_TOKEN,
					"The request has no bearer token", Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
		}
		String token = authorization.substring(BEARER.length()).strip();
		if (token.isEmpty() || token.length() > RequiredParameters.MAX_JWT_LENGTH
				|| !RequiredParameters.isCompactJws(token)) {
			throw PendingPushAuths.invalidToken("The bearer token is missing, too long or not a compact JWS");
		}
		return token;
	}

}
