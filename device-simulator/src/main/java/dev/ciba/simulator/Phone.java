package dev.ciba.simulator;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A phone that speaks the device protocol: it registers its key with the server, pulls
 * the requests waiting for it, approves or denies them and removes itself.
 * <p>
 * The high-level calls ({@link #approve}, {@link #deny}, {@link #remove}) return the
 * server's {@link ServerAnswer} so that tests can assert refusals. For tests that send
 * what a well-behaved phone would not, the claims of every JWT are available as mutable
 * maps ({@link #answerClaims}, {@link #pendingClaims}, {@link #removeClaims}), any header
 * and claims can be signed with the device key ({@link #signJwt(Map, Map)}) and every
 * endpoint can be called with an arbitrary token ({@link #authenticate(String, String)},
 * {@link #fetchPending}, {@link #postRemove}, {@link #postRegistration}).
 * <p>
 * A phone speaks one generation of the WSO2 protocol, fixed when it is created:
 * generation 2 by default, or generation 1 ("push-auth",
 * {@link #create(Wso2V1DiscoveryData, KeyType, HttpClient, Clock)}) with its short QR
 * keys, {@code pushId}, header {@code did}, claims {@code sid}, {@code chg} and
 * {@code res}, and the answer and remove tokens of its SDK (one hour of life,
 * {@code jti}, {@code aud}, {@code nbf}).
 */
public final class Phone {

	/**
	 * Lifetime of the token that pulls pending requests.
	 */
	public static final Duration PENDING_TOKEN_LIFETIME = Duration.ofSeconds(120);

	/**
	 * Lifetime of an answer token.
	 */
	public static final Duration ANSWER_TOKEN_LIFETIME = Duration.ofSeconds(300);

	/**
	 * Lifetime of the token that removes the device.
	 */
	public static final Duration REMOVE_TOKEN_LIFETIME = Duration.ofSeconds(120);

	/**
	 * Lifetime of the token that replaces the device key.
	 */
	public static final Duration ROTATE_KEY_TOKEN_LIFETIME = Duration.ofSeconds(120);

	/**
	 * Lifetime of the answer and remove tokens of a generation-1 phone, as its SDK signs
	 * them.
	 */
	public static final Duration WSO2_V1_TOKEN_LIFETIME = Duration.ofHours(1);

	/**
	 * The {@code iss} claim the generation-1 SDK puts in its tokens.
	 */
	public static final String WSO2_V1_ISSUER = "wso2verify";

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final String DEFAULT_MODEL = "Simulator";

	private final Identity identity;

	private final DeviceKey key;

	private final @Nullable String registrationChallenge;

	private final HttpClient http;

	private final Clock clock;

	private Phone(Identity identity, DeviceKey key, @Nullable String registrationChallenge, HttpClient http,
			Clock clock) {
		this.identity = identity;
		this.key = key;
		this.registrationChallenge = registrationChallenge;
		this.http = http;
		this.clock = clock;
	}

	/**
	 * A phone with a fresh key for the account in the discovery data, not yet registered.
	 * @param data the scanned discovery data
	 * @param type the kind of key to generate
	 * @param http the client for all calls
	 * @param clock the time for {@code iat} and {@code exp}
	 * @return the phone; call {@link #register(String, String, String)} next
	 */
	public static Phone create(DiscoveryData data, KeyType type, HttpClient http, Clock clock) {
		Identity identity = new Identity(data.host(), data.tenantDomain(), data.username(), data.deviceId(),
				Protocol.WSO2_V2, null);
		return new Phone(identity, DeviceKey.generate(type), data.challenge(), http, clock);
	}

	/**
	 * A phone of generation 1 with a fresh RSA key for the account in a generation-1 QR
	 * code, not yet registered.
	 * @param data the scanned generation-1 discovery data
	 * @param type {@link KeyType#RSA_1024} (as the SDK) or {@link KeyType#RSA}
	 * @param http the client for all calls
	 * @param clock the time for {@code iat}, {@code nbf} and {@code exp}
	 * @return the phone; call {@link #register(String, String, String)} next
	 * @throws IllegalArgumentException for an EC key, which generation 1 does not know
	 */
	public static Phone create(Wso2V1DiscoveryData data, KeyType type, HttpClient http, Clock clock) {
		if (!type.isRsa()) {
			throw new IllegalArgumentException("generation 1 of the protocol takes RSA keys only");
		}
		Identity identity = new Identity(data.hst(), data.td(), data.un(), data.did(), Protocol.WSO2_V1,
				new Wso2V1Paths(data.bp(), data.re(), data.ae()));
		return new Phone(identity, DeviceKey.generate(type), data.chg(), http, clock);
	}

	/**
	 * Creates a pull-only phone (empty device token, model {@code Simulator}) and
	 * registers it.
	 * @param data the scanned discovery data
	 * @param name the device name the customer will see
	 * @param type the kind of key to generate
	 * @param http the client for all calls
	 * @return the registered phone
	 * @throws ServerRefusedException if the server does not answer 201
	 */
	public static Phone register(DiscoveryData data, String name, KeyType type, HttpClient http) {
		return registered(create(data, type, http, Clock.systemUTC()), name);
	}

	/**
	 * Creates a pull-only phone of generation 1 (empty {@code pushId}, model
	 * {@code Simulator}) and registers it.
	 * @param data the scanned generation-1 discovery data
	 * @param name the device name the customer will see
	 * @param type {@link KeyType#RSA_1024} (as the SDK) or {@link KeyType#RSA}
	 * @param http the client for all calls
	 * @return the registered phone
	 * @throws ServerRefusedException if the server does not answer 201
	 */
	public static Phone register(Wso2V1DiscoveryData data, String name, KeyType type, HttpClient http) {
		return registered(create(data, type, http, Clock.systemUTC()), name);
	}

	private static Phone registered(Phone phone, String name) {
		ServerAnswer answer = phone.register(name, DEFAULT_MODEL, "");
		if (answer.status() != 201) {
			throw new ServerRefusedException(answer);
		}
		return phone;
	}

	/**
	 * Reads a phone saved by {@link #save}, using a new HTTP client and the system clock.
	 * @param file the state file
	 * @return the phone
	 * @throws IOException if the file cannot be read
	 * @throws IllegalArgumentException if the file is not a valid state file
	 */
	public static Phone load(Path file) throws IOException {
		return load(file, newHttpClient(), Clock.systemUTC());
	}

	/**
	 * The HTTP client the command line uses: HTTP/1.1 (no h2c upgrade on plain http), no
	 * redirects followed, a 10 s connect timeout.
	 */
	public static HttpClient newHttpClient() {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(CONNECT_TIMEOUT)
			.build();
	}

	/**
	 * Reads a phone saved by {@link #save}.
	 * @param file the state file
	 * @param http the client for all calls
	 * @param clock the time for {@code iat} and {@code exp}
	 * @return the phone
	 * @throws IOException if the file cannot be read
	 * @throws IllegalArgumentException if the file is not a valid state file or its key
	 * halves do not match
	 */
	public static Phone load(Path file, HttpClient http, Clock clock) throws IOException {
		JsonNode state = StateFile.read(file);
		String what = "the state file " + file;
		String protocolName = Json.text(state, "protocol");
		Protocol protocol = (protocolName != null) ? Protocol.fromName(protocolName) : Protocol.WSO2_V2;
		Wso2V1Paths paths = (protocol == Protocol.WSO2_V1) ? new Wso2V1Paths(Json.requiredText(state, "basePath", what),
				Json.requiredText(state, "registrationPath", what),
				Json.requiredText(state, "authenticationPath", what)) : null;
		Identity identity = new Identity(DiscoveryData.checkedHost(Json.requiredText(state, "host", what)),
				Json.requiredText(state, "tenantDomain", what), Json.text(state, "username"),
				Json.requiredText(state, "deviceId", what), protocol, paths);
		DeviceKey key = DeviceKey.fromEncoded(KeyType.fromName(Json.requiredText(state, "keyType", what)),
				Json.requiredText(state, "privateKey", what), Json.requiredText(state, "publicKey", what));
		return new Phone(identity, key, null, http, clock);
	}

	/**
	 * Writes the phone's identity, protocol generation and key pair to a JSON file
	 * readable by its owner only (where the file system allows), replacing any earlier
	 * file. A file without {@code protocol} (written before generation 1 existed) is read
	 * as generation 2.
	 * @param file the state file
	 * @throws IOException if the file cannot be written
	 */
	public void save(Path file) throws IOException {
		Map<String, @Nullable String> state = new LinkedHashMap<>();
		state.put("host", this.identity.host());
		state.put("tenantDomain", this.identity.tenantDomain());
		state.put("username", this.identity.username());
		state.put("deviceId", this.identity.deviceId());
		state.put("keyType", this.key.type().name());
		state.put("privateKey", this.key.encodedPrivateKey());
		state.put("publicKey", this.key.encodedPublicKey());
		state.put("protocol", protocol().cliName());
		Wso2V1Paths paths = this.identity.wso2V1Paths();
		if (paths != null) {
			state.put("basePath", paths.basePath());
			state.put("registrationPath", paths.registrationPath());
			state.put("authenticationPath", paths.authenticationPath());
		}
		StateFile.write(file, state);
	}

	/**
	 * The server's base URL.
	 */
	public String host() {
		return this.identity.host();
	}

	/**
	 * The tenant name.
	 */
	public String tenantDomain() {
		return this.identity.tenantDomain();
	}

	/**
	 * The customer's username, or {@code null} if the discovery data had none.
	 */
	public @Nullable String username() {
		return this.identity.username();
	}

	/**
	 * The device id.
	 */
	public String deviceId() {
		return this.identity.deviceId();
	}

	/**
	 * The device key.
	 */
	public DeviceKey key() {
		return this.key;
	}

	/**
	 * The protocol generation the phone speaks.
	 */
	public Protocol protocol() {
		return this.identity.protocol();
	}

	/**
	 * Registers the phone's public key.
	 * @param name the device name the customer will see
	 * @param model the device model
	 * @param deviceToken the FCM registration token, empty for a pull-only device
	 * @return the server's answer, 201 on success
	 * @throws IllegalStateException if this phone was loaded from a state file
	 */
	public ServerAnswer register(String name, String model, String deviceToken) {
		return postRegistration(registrationBody(name, model, deviceToken));
	}

	/**
	 * The registration body: {@code deviceId}, {@code name}, {@code model},
	 * {@code deviceToken}, {@code publicKey} and {@code signature} over
	 * {@code challenge + "." + deviceToken}. Generation 1 names the token {@code pushId}.
	 * @param name the device name
	 * @param model the device model
	 * @param deviceToken the FCM registration token, or empty
	 * @return a mutable map in that order
	 * @throws IllegalStateException if this phone was loaded from a state file and so has
	 * no registration challenge
	 */
	public Map<String, Object> registrationBody(String name, String model, String deviceToken) {
		if (this.registrationChallenge == null) {
			throw new IllegalStateException("a phone loaded from its state file is registered already");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("deviceId", deviceId());
		body.put("name", name);
		body.put("model", model);
		body.put(isWso2V1() ? "pushId" : "deviceToken", deviceToken);
		body.put("publicKey", this.key.encodedPublicKey());
		body.put("signature", this.key.sign(this.registrationChallenge + "." + deviceToken));
		return body;
	}

	/**
	 * Posts a registration body as it is.
	 * @param body the JSON members
	 * @return the server's answer
	 */
	public ServerAnswer postRegistration(Map<String, ?> body) {
		Wso2V1Paths paths = this.identity.wso2V1Paths();
		if (paths != null) {
			return postJson(paths.basePath() + paths.registrationPath(), body);
		}
		return postJson(tenantPath() + "/api/users/v1/me/push/devices", body);
	}

	/**
	 * The requests waiting for this phone.
	 * @return the requests in the server's order
	 * @throws ServerRefusedException if the server does not answer 200
	 * @throws IllegalArgumentException if the answer is not a pending list
	 */
	public List<PendingRequest> pending() {
		ServerAnswer answer = fetchPending(signJwt(pendingClaims()));
		if (answer.status() != 200) {
			throw new ServerRefusedException(answer);
		}
		return isWso2V1() ? PendingRequest.parseWso2V1List(answer.body()) : PendingRequest.parseList(answer.body());
	}

	/**
	 * The claims of the token that pulls pending requests: {@code purpose} =
	 * {@code pending}, {@code iat}, {@code exp} (120 s later) and {@code jti}; generation
	 * 1 adds {@code nbf} and {@code aud}.
	 * @return a mutable map
	 */
	public Map<String, Object> pendingClaims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("purpose", "pending");
		claims.putAll(timeAndIdClaims(PENDING_TOKEN_LIFETIME));
		if (isWso2V1()) {
			claims.put("nbf", claims.get("iat"));
			claims.put("aud", wso2V1Audience());
		}
		return claims;
	}

	/**
	 * Calls the pending endpoint with the given bearer token.
	 * @param jwt the token, sent as {@code Authorization: Bearer}
	 * @return the server's answer
	 */
	public ServerAnswer fetchPending(String jwt) {
		HttpRequest.Builder request = request(tenantPath() + "/push-auth/pending").GET()
			.header("Authorization", "Bearer " + jwt);
		return send(request);
	}

	/**
	 * Approves a pending request.
	 * @param request the request
	 * @return the server's answer, 200 on success
	 */
	public ServerAnswer approve(PendingRequest request) {
		return answer(request, Decision.APPROVED);
	}

	/**
	 * Approves a pending request of number matching with the number the client shows.
	 * @param request the request
	 * @param number the number the customer picked, sent as the {@code numberChallenge}
	 * claim
	 * @return the server's answer, 200 on success; 400 {@code invalid_number_challenge}
	 * for a wrong number
	 */
	public ServerAnswer approve(PendingRequest request, String number) {
		return answer(request, Decision.APPROVED, number);
	}

	/**
	 * Denies a pending request.
	 * @param request the request
	 * @return the server's answer, 200 on success
	 */
	public ServerAnswer deny(PendingRequest request) {
		return answer(request, Decision.DENIED);
	}

	/**
	 * Sends the user's decision on a pending request.
	 * @param request the request
	 * @param decision the decision
	 * @return the server's answer, 200 on success (202 in generation 1)
	 */
	public ServerAnswer answer(PendingRequest request, Decision decision) {
		return answer(request, decision, null);
	}

	/**
	 * Sends the user's decision on a pending request, with the number the user typed when
	 * the request asks for one.
	 * @param request the request
	 * @param decision the decision
	 * @param numberChallenge the typed number, sent as claim {@code numberChallenge}, or
	 * {@code null} to send none
	 * @return the server's answer, 200 on success
	 */
	public ServerAnswer answer(PendingRequest request, Decision decision, @Nullable String numberChallenge) {
		if (isWso2V1()) {
			return authenticate(signJwt(answerClaims(request, decision, numberChallenge)));
		}
		return authenticate(answerPath(request), signJwt(answerClaims(request, decision, numberChallenge)));
	}

	/**
	 * The claims of an answer: {@code pushAuthId}, {@code challenge}, {@code response},
	 * {@code iat}, {@code exp} (300 s later) and {@code jti}. Generation 1, as its SDK:
	 * {@code jti}, {@code sub}, {@code iss}, {@code aud}, {@code nbf}, {@code iat},
	 * {@code exp} (an hour later), {@code sid}, {@code chg} and {@code res}
	 * ({@code SUCCESSFUL} or {@code DENIED}).
	 * @param request the request answered
	 * @param decision the decision
	 * @return a mutable map
	 */
	public Map<String, Object> answerClaims(PendingRequest request, Decision decision) {
		return answerClaims(request, decision, null);
	}

	/**
	 * The claims of an answer as {@link #answerClaims(PendingRequest, Decision)}, plus
	 * {@code numberChallenge} when a number is given.
	 * @param request the request answered
	 * @param decision the decision
	 * @param numberChallenge the number the user typed, or {@code null}
	 * @return a mutable map
	 */
	public Map<String, Object> answerClaims(PendingRequest request, Decision decision,
			@Nullable String numberChallenge) {
		if (isWso2V1()) {
			Map<String, Object> claims = wso2V1Claims();
			claims.put("sid", request.pushId());
			claims.put("chg", request.challenge());
			claims.put("res", decision.wso2V1Value());
			return claims;
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("pushAuthId", request.pushId());
		claims.put("challenge", request.challenge());
		claims.put("response", decision.name());
		if (numberChallenge != null) {
			claims.put("numberChallenge", numberChallenge);
		}
		claims.putAll(timeAndIdClaims(ANSWER_TOKEN_LIFETIME));
		return claims;
	}

	/**
	 * The path the answer to a request of generation 2 goes to: its {@code relativePath},
	 * or {@code /t/{tenant}} when the server sent none.
	 * @param request the request
	 * @return a path starting with {@code /}
	 */
	public String answerPath(PendingRequest request) {
		String relativePath = request.relativePath();
		if (relativePath == null || !relativePath.startsWith("/")) {
			return tenantPath();
		}
		return relativePath;
	}

	/**
	 * Posts {@code {"authResponse": jwt}} to the tenant's authenticate endpoint; in
	 * generation 1 to the {@code ae} path of the QR code.
	 * @param jwt the answer token, signed or not
	 * @return the server's answer
	 */
	public ServerAnswer authenticate(String jwt) {
		Wso2V1Paths paths = this.identity.wso2V1Paths();
		if (paths != null) {
			return postJson(paths.authenticationPath(), Map.of("authResponse", jwt));
		}
		return authenticate(tenantPath(), jwt);
	}

	/**
	 * Posts {@code {"authResponse": jwt}} to
	 * {@code {host}{relativePath}/push-auth/authenticate}.
	 * @param relativePath the tenant path, such as {@code /t/acme}
	 * @param jwt the answer token, signed or not
	 * @return the server's answer
	 */
	public ServerAnswer authenticate(String relativePath, String jwt) {
		return postJson(relativePath + "/push-auth/authenticate", Map.of("authResponse", jwt));
	}

	/**
	 * Removes this device from the customer's account.
	 * @return the server's answer, 204 on success
	 */
	public ServerAnswer remove() {
		return postRemove(signJwt(removeClaims()));
	}

	/**
	 * The claims of the removal token: {@code purpose} = {@code remove}, {@code iat},
	 * {@code exp} (120 s later) and {@code jti}. Generation 1, as its SDK: the claims of
	 * its answers without {@code sid}, {@code chg} and {@code res}, and {@code act} =
	 * {@code REMOVE}.
	 * @return a mutable map
	 */
	public Map<String, Object> removeClaims() {
		if (isWso2V1()) {
			Map<String, Object> claims = wso2V1Claims();
			claims.put("act", "REMOVE");
			return claims;
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("purpose", "remove");
		claims.putAll(timeAndIdClaims(REMOVE_TOKEN_LIFETIME));
		return claims;
	}

	/**
	 * Posts {@code {"token": jwt}} to this device's remove endpoint.
	 * @param jwt the removal token, signed or not
	 * @return the server's answer
	 */
	public ServerAnswer postRemove(String jwt) {
		Wso2V1Paths paths = this.identity.wso2V1Paths();
		String devices = (paths != null) ? paths.basePath() + "/push-auth/devices"
				: tenantPath() + "/api/users/v1/me/push/devices";
		return postJson(devices + "/" + pathSegment(deviceId()) + "/remove", Map.of("token", jwt));
	}

	/**
	 * Asks the server to replace this device's key by {@code newKey}. The token is signed
	 * with the current key; the phone keeps using the current key until the server
	 * answers 204, then switches with {@link #withKey(DeviceKey)}.
	 * @param newKey the key that replaces the current one, of either type
	 * @return the server's answer, 204 on success
	 */
	public ServerAnswer rotateKey(DeviceKey newKey) {
		return postRotateKey(signJwt(rotateKeyClaims(newKey)));
	}

	/**
	 * The claims of the key rotation token: {@code purpose} = {@code rotate-key},
	 * {@code publicKey} (the new key, base64 DER), {@code proof} (the new key's signature
	 * over {@code deviceId + "." + jti}), {@code iat}, {@code exp} (120 s later) and
	 * {@code jti}.
	 * @param newKey the new key
	 * @return a mutable map
	 */
	public Map<String, Object> rotateKeyClaims(DeviceKey newKey) {
		Map<String, Object> times = timeAndIdClaims(ROTATE_KEY_TOKEN_LIFETIME);
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("purpose", "rotate-key");
		claims.put("publicKey", newKey.encodedPublicKey());
		claims.put("proof", newKey.sign(deviceId() + "." + times.get("jti")));
		claims.putAll(times);
		return claims;
	}

	/**
	 * Posts {@code {"token": jwt}} to this device's rotate-key endpoint.
	 * @param jwt the rotation token, signed or not
	 * @return the server's answer
	 */
	public ServerAnswer postRotateKey(String jwt) {
		return postJson(tenantPath() + "/api/users/v1/me/push/devices/" + pathSegment(deviceId()) + "/rotate-key",
				Map.of("token", jwt));
	}

	/**
	 * This phone with another key, for after the server accepted a key rotation.
	 * @param newKey the key the server now holds
	 * @return the same identity with the new key
	 */
	public Phone withKey(DeviceKey newKey) {
		return new Phone(this.identity, newKey, this.registrationChallenge, this.http, this.clock);
	}

	/**
	 * The header every device JWT carries: {@code alg} (RS256 or ES256), {@code typ} =
	 * {@code JWT} and {@code deviceId}; in generation 1, as its SDK, {@code alg} and
	 * {@code did} only.
	 * @return a mutable map
	 */
	public Map<String, Object> jwtHeader() {
		Map<String, Object> header = new LinkedHashMap<>();
		header.put("alg", this.key.type().jwsAlgorithm().getName());
		if (isWso2V1()) {
			header.put("did", deviceId());
			return header;
		}
		header.put("typ", "JWT");
		header.put("deviceId", deviceId());
		return header;
	}

	/**
	 * Signs claims with the device key under the standard {@link #jwtHeader() header}.
	 * @param claims the claims; times as epoch seconds
	 * @return the compact JWT
	 */
	public String signJwt(Map<String, Object> claims) {
		return signJwt(jwtHeader(), claims);
	}

	/**
	 * Signs claims with the device key under any header, for example one naming another
	 * device or another algorithm of the key's family.
	 * @param header the JOSE header; must name {@code alg}
	 * @param claims the claims; times as epoch seconds
	 * @return the compact JWT
	 * @throws IllegalArgumentException if the algorithm does not fit the key
	 */
	public String signJwt(Map<String, Object> header, Map<String, Object> claims) {
		return this.key.signJwt(header, claims);
	}

	private Map<String, Object> timeAndIdClaims(Duration lifetime) {
		long now = this.clock.instant().getEpochSecond();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iat", now);
		claims.put("exp", now + lifetime.toSeconds());
		claims.put("jti", UUID.randomUUID().toString());
		return claims;
	}

	/**
	 * The claims every generation-1 token of the SDK carries, an hour of life.
	 */
	private Map<String, Object> wso2V1Claims() {
		long now = this.clock.instant().getEpochSecond();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("jti", UUID.randomUUID().toString());
		claims.put("sub", ((username() != null) ? username() : "") + "@" + tenantDomain());
		claims.put("iss", WSO2_V1_ISSUER);
		claims.put("aud", wso2V1Audience());
		claims.put("nbf", now);
		claims.put("iat", now);
		claims.put("exp", now + WSO2_V1_TOKEN_LIFETIME.toSeconds());
		return claims;
	}

	/**
	 * The audience of generation-1 tokens, {@code hst + "/t/" + td + "/"}, as the SDK
	 * makes it.
	 */
	private String wso2V1Audience() {
		return host() + "/t/" + tenantDomain() + "/";
	}

	private boolean isWso2V1() {
		return this.identity.protocol() == Protocol.WSO2_V1;
	}

	private String tenantPath() {
		return "/t/" + pathSegment(tenantDomain());
	}

	private static String pathSegment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(host() + path))
			.timeout(REQUEST_TIMEOUT)
			.header("Accept", "application/json");
	}

	private ServerAnswer postJson(String path, Map<String, ?> body) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
		return send(request);
	}

	private ServerAnswer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new ServerAnswer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot reach " + host() + ": " + reason(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new UncheckedIOException(new InterruptedIOException("interrupted while calling " + host()));
		}
	}

	private static String reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null) {
				return cause.getMessage();
			}
		}
		return failure.getClass().getSimpleName();
	}

	/**
	 * Who the phone is: the account and device it was registered for, and the protocol
	 * generation it speaks (with the paths of its QR code for generation 1).
	 */
	private record Identity(String host, String tenantDomain, @Nullable String username, String deviceId,
			Protocol protocol, @Nullable Wso2V1Paths wso2V1Paths) {
	}

	/**
	 * The paths of a generation-1 QR code: {@code bp}, {@code re} and {@code ae}.
	 */
	private record Wso2V1Paths(String basePath, String registrationPath, String authenticationPath) {
	}

}
