package dev.ciba.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ciba.push.limits.RateLimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the server, under the prefix {@code ciba}. Each one is documented in
 * the README.
 */
@ConfigurationProperties("ciba")
public class CibaProperties {

	/**
	 * The issuer identifier: the public base URL of the OAuth endpoints.
	 */
	private String issuer = "http://localhost:8080";

	/**
	 * The tenant name in the device API's paths ({@code /t/{tenant}/...}) and in the QR
	 * code.
	 */
	private String tenant = "default";

	/**
	 * The base URL phones use to reach the device API; the issuer when empty.
	 */
	private String publicBaseUrl = "";

	private final Request request = new Request();

	private final Seed seed = new Seed();

	private final Push push = new Push();

	private final Delivery delivery = new Delivery();

	private final LoginHintToken loginHintToken = new LoginHintToken();

	private final UserCode userCode = new UserCode();

	private final Limits limits = new Limits();

	private final Audit audit = new Audit();

	private final Scopes scopes = new Scopes();

	public String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(String issuer) {
		this.issuer = issuer;
	}

	public String getTenant() {
		return this.tenant;
	}

	public void setTenant(String tenant) {
		this.tenant = tenant;
	}

	public String getPublicBaseUrl() {
		return this.publicBaseUrl;
	}

	public void setPublicBaseUrl(String publicBaseUrl) {
		this.publicBaseUrl = publicBaseUrl;
	}

	/**
	 * The public base URL of the device API: {@link #getPublicBaseUrl()} if set, else the
	 * issuer.
	 */
	public String effectivePublicBaseUrl() {
		return this.publicBaseUrl.isBlank() ? this.issuer : this.publicBaseUrl;
	}

	public Request getRequest() {
		return this.request;
	}

	public Seed getSeed() {
		return this.seed;
	}

	public Push getPush() {
		return this.push;
	}

	public Delivery getDelivery() {
		return this.delivery;
	}

	public LoginHintToken getLoginHintToken() {
		return this.loginHintToken;
	}

	public UserCode getUserCode() {
		return this.userCode;
	}

	public Limits getLimits() {
		return this.limits;
	}

	public Audit getAudit() {
		return this.audit;
	}

	/**
	 * Abuse limits, counted in the database per fixed window of time so that they hold
	 * across all nodes.
	 */
	public static class Limits {

		/**
		 * Backchannel authentication requests per customer, across all clients.
		 */
		private final Limit requests = new Limit(10, Duration.ofMinutes(1));

		/**
		 * Backchannel authentication requests per client, across all customers: bounds a
		 * flood from one client that names many customers.
		 */
		private final Limit clientRequests = new Limit(600, Duration.ofMinutes(1));

		/**
		 * Device registration attempts ({@code POST .../push/devices}) per customer of
		 * the registration they name.
		 */
		private final Limit registrations = new Limit(10, Duration.ofHours(1));

		/**
		 * Device tokens with a bad signature per device; then every call of the device is
		 * refused until the window ends.
		 */
		private final Limit badSignatures = new Limit(5, Duration.ofMinutes(10));

		/**
		 * Failed logins to the portal or the console per account (username); then every
		 * login to it is refused until the window ends.
		 */
		private final Limit logins = new Limit(10, Duration.ofMinutes(15));

		public Limit getRequests() {
			return this.requests;
		}

		public Limit getClientRequests() {
			return this.clientRequests;
		}

		public Limit getRegistrations() {
			return this.registrations;
		}

		public Limit getBadSignatures() {
			return this.badSignatures;
		}

		public Limit getLogins() {
			return this.logins;
		}

	}

	/**
	 * One abuse limit: at most {@code max} attempts per fixed window of {@code window}.
	 */
	public static class Limit {

		/**
		 * The attempts allowed per window.
		 */
		private int max;

		/**
		 * The length of a window (whole seconds); windows are aligned to the epoch.
		 */
		private Duration window;

		Limit(int max, Duration window) {
			this.max = max;
			this.window = window;
		}

		public int getMax() {
			return this.max;
		}

		public void setMax(int max) {
			this.max = max;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		/**
		 * The limit as the rate limiter takes it.
		 * @param bucket the name its counts are stored under
		 * @param property the property prefix, for the message of a bad setting
		 * @throws IllegalStateException when the setting makes no sense (checked at
		 * start-up)
		 */
		public RateLimit rateLimit(String bucket, String property) {
			if (this.max < 1) {
				throw new IllegalStateException(property + ".max must be at least 1");
			}
			if (this.window == null || this.window.toSeconds() < 1 || this.window.toNanosPart() != 0) {
				throw new IllegalStateException(property + ".window must be a positive number of whole seconds");
			}
			return new RateLimit(bucket, this.max, this.window);
		}

	}

	/**
	 * The audit trail of device events.
	 */
	public static class Audit {

		/**
		 * How long device events are kept before they are swept.
		 */
		private Duration retention = Duration.ofDays(90);

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

	public Scopes getScopes() {
		return this.scopes;
	}

	/**
	 * How requested scopes are described to the customer on the phone.
	 */
	public static class Scopes {

		/**
		 * The description of each scope, by scope name
		 * ({@code ciba.scopes.descriptions.<scope>}); these replace the English defaults
		 * for {@code openid}, {@code profile}, {@code email}, {@code address},
		 * {@code phone} and {@code offline_access}. A scope without a description is
		 * shown as its name.
		 */
		private Map<String, String> descriptions = new LinkedHashMap<>();

		public Map<String, String> getDescriptions() {
			return this.descriptions;
		}

		public void setDescriptions(Map<String, String> descriptions) {
			this.descriptions = descriptions;
		}

	}

	/**
	 * The lock-out of customers' user codes ({@code user_code}, CIBA Core §7.1).
	 */
	public static class UserCode {

		/**
		 * Wrong user codes in a row after which a customer's user code is locked.
		 */
		private int maxFailures = 5;

		/**
		 * How long a user code stays locked; every request meanwhile is refused without
		 * comparing its code.
		 */
		private Duration lockout = Duration.ofMinutes(15);

		public int getMaxFailures() {
			return this.maxFailures;
		}

		public void setMaxFailures(int maxFailures) {
			this.maxFailures = maxFailures;
		}

		public Duration getLockout() {
			return this.lockout;
		}

		public void setLockout(Duration lockout) {
			this.lockout = lockout;
		}

	}

	/**
	 * The {@code login_hint_token}s the server mints for logged-in customers.
	 */
	public static class LoginHintToken {

		/**
		 * How long a minted token is valid (at most one hour).
		 */
		private Duration lifetime = Duration.ofSeconds(120);

		public Duration getLifetime() {
			return this.lifetime;
		}

		public void setLifetime(Duration lifetime) {
			this.lifetime = lifetime;
		}

	}

	/**
	 * Ping and push token delivery to clients' notification endpoints.
	 */
	public static class Delivery extends Outbox {

		/**
		 * Development only: allow {@code http} notification endpoints and loopback,
		 * private and link-local addresses.
		 */
		private boolean allowInsecureEndpoints = false;

		/**
		 * The longest wait for a connection to a notification endpoint.
		 */
		private Duration connectTimeout = Duration.ofSeconds(2);

		/**
		 * The longest wait, once connected, for the endpoint's answer.
		 */
		private Duration readTimeout = Duration.ofSeconds(5);

		/**
		 * Deliveries running at once on one node.
		 */
		private int threads = 4;

		/**
		 * The most undelivered notifications (answered, not yet delivered nor failed for
		 * good) one client may have: a push client at the limit gets no new requests, a
		 * ping client's further answers are not pinged (it can poll).
		 */
		private int maxUndeliveredPerClient = 100;

		// The claim lease must exceed the connect and read timeouts together: after a
		// crash, a delivery is retried when its lease ends.
		public Delivery() {
			super(Duration.ofSeconds(1), 20, 5, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60));
		}

		public boolean isAllowInsecureEndpoints() {
			return this.allowInsecureEndpoints;
		}

		public void setAllowInsecureEndpoints(boolean allowInsecureEndpoints) {
			this.allowInsecureEndpoints = allowInsecureEndpoints;
		}

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public int getMaxUndeliveredPerClient() {
			return this.maxUndeliveredPerClient;
		}

		public void setMaxUndeliveredPerClient(int maxUndeliveredPerClient) {
			this.maxUndeliveredPerClient = maxUndeliveredPerClient;
		}

	}

	/**
	 * How push notifications reach the phones.
	 */
	public static class Push {

		/**
		 * The push provider: {@code log} records that a push would go out (phones fetch
		 * their pending requests); {@code fcm} sends through Firebase Cloud Messaging.
		 */
		private String provider = "log";

		private final Fcm fcm = new Fcm();

		private final DeviceRegistration registration = new DeviceRegistration();

		private final Resend resend = new Resend();

		private final PushOutbox outbox = new PushOutbox();

		private final Wso2V1 wso2V1 = new Wso2V1();

		private final NumberMatching numberMatching = new NumberMatching();

		public NumberMatching getNumberMatching() {
			return this.numberMatching;
		}

		public String getProvider() {
			return this.provider;
		}

		public void setProvider(String provider) {
			this.provider = provider;
		}

		public Fcm getFcm() {
			return this.fcm;
		}

		public DeviceRegistration getRegistration() {
			return this.registration;
		}

		public Resend getResend() {
			return this.resend;
		}

		public PushOutbox getOutbox() {
			return this.outbox;
		}

		public Wso2V1 getWso2V1() {
			return this.wso2V1;
		}

	}

	/**
	 * How customers register phones.
	 */
	public static class DeviceRegistration {

		/**
		 * Most active phones one customer may have; a registration beyond it is refused
		 * and the portal offers no new QR code.
		 */
		private int maxDevicesPerCustomer = 5;

		public int getMaxDevicesPerCustomer() {
			return this.maxDevicesPerCustomer;
		}

		public void setMaxDevicesPerCustomer(int maxDevicesPerCustomer) {
			this.maxDevicesPerCustomer = maxDevicesPerCustomer;
		}

	}

	/**
	 * The outbox of pushes to phones ({@code ciba.push.outbox}); the defaults are those
	 * of the push module.
	 */
	public static class PushOutbox extends Outbox {

		public PushOutbox() {
			super(Duration.ofSeconds(10), 50, 5, Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofMinutes(2));
		}

	}

	/**
	 * What every outbox shares: how often each node polls it for due work, how much one
	 * poll claims, how failed sends are retried, and how long a claim is reserved for the
	 * node that made it (after a crash, the work is done again when the lease ends; it
	 * must exceed the longest send).
	 */
	public static class Outbox {

		/**
		 * How often each node looks for due work.
		 */
		private Duration pollDelay;

		/**
		 * The most rows one poll claims.
		 */
		private int batchSize;

		/**
		 * Attempts per row, the first included.
		 */
		private int maxAttempts;

		/**
		 * The pause before the first retry; doubled for each further retry.
		 */
		private Duration retryDelay;

		/**
		 * The longest pause between two attempts.
		 */
		private Duration maxRetryDelay;

		/**
		 * How long a node reserves a claimed row; after a crash it is done again when
		 * this ends.
		 */
		private Duration claimLease;

		Outbox(Duration pollDelay, int batchSize, int maxAttempts, Duration retryDelay, Duration maxRetryDelay,
				Duration claimLease) {
			this.pollDelay = pollDelay;
			this.batchSize = batchSize;
			this.maxAttempts = maxAttempts;
			this.retryDelay = retryDelay;
			this.maxRetryDelay = maxRetryDelay;
			this.claimLease = claimLease;
		}

		public Duration getPollDelay() {
			return this.pollDelay;
		}

		public void setPollDelay(Duration pollDelay) {
			this.pollDelay = pollDelay;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getRetryDelay() {
			return this.retryDelay;
		}

		public void setRetryDelay(Duration retryDelay) {
			this.retryDelay = retryDelay;
		}

		public Duration getMaxRetryDelay() {
			return this.maxRetryDelay;
		}

		public void setMaxRetryDelay(Duration maxRetryDelay) {
			this.maxRetryDelay = maxRetryDelay;
		}

		public Duration getClaimLease() {
			return this.claimLease;
		}

		public void setClaimLease(Duration claimLease) {
			this.claimLease = claimLease;
		}

	}

	/**
	 * Pushes sent again for requests nobody answered yet.
	 */
	public static class Resend {

		/**
		 * How long a request waits for an answer before its pushes go out again (and
		 * again after each resend); 0 sends none again.
		 */
		private Duration after = Duration.ofSeconds(30);

		/**
		 * How many times at most the pushes of one request go out again; 0 sends none
		 * again.
		 */
		private int maxCount = 2;

		public Duration getAfter() {
			return this.after;
		}

		public void setAfter(Duration after) {
			this.after = after;
		}

		public int getMaxCount() {
			return this.maxCount;
		}

		public void setMaxCount(int maxCount) {
			this.maxCount = maxCount;
		}

	}

	/**
	 * The compatibility profile for generation 1 ("push-auth") of the WSO2 push protocol,
	 * for the React Native SDK and its sample app "WSO2 Verify"
	 * ({@code ciba.push.wso2-v1}).
	 */
	public static class Wso2V1 {

		/**
		 * Whether phones of generation 1 may register (RSA keys from 1024 bits), are
		 * pushed its data and may answer in its form; the portal then shows its QR code
		 * too.
		 */
		private boolean enabled;

		/**
		 * The longest lifetime of a generation-1 answer or remove token (the SDK signs
		 * them for one hour).
		 */
		private Duration maxTokenLifetime = Duration.ofHours(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMaxTokenLifetime() {
			return this.maxTokenLifetime;
		}

		public void setMaxTokenLifetime(Duration maxTokenLifetime) {
			this.maxTokenLifetime = maxTokenLifetime;
		}

	}

	/**
	 * Number matching: the client shows a two-digit number, and the customer must pick it
	 * on the phone to approve.
	 */
	public static class NumberMatching {

		/**
		 * Number matching for every client's requests; when off, only for clients that
		 * registered {@code number_matching_required}.
		 */
		private boolean enabled = false;

		/**
		 * Approvals without the right number after which the request ends as denied. The
		 * phone offers three choices, so with 1 a customer who taps blindly wins one time
		 * in three, with 2 two times in three, and with 3 always.
		 */
		private int maxWrongAnswers = 1;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxWrongAnswers() {
			return this.maxWrongAnswers;
		}

		public void setMaxWrongAnswers(int maxWrongAnswers) {
			this.maxWrongAnswers = maxWrongAnswers;
		}

	}

	/**
	 * Firebase Cloud Messaging, used when {@code ciba.push.provider} is {@code fcm}.
	 */
	public static class Fcm {

		/**
		 * Path to the Google service-account JSON file of the Firebase project.
		 */
		private String serviceAccountFile;

		/**
		 * The Firebase project id; empty means the one in the service-account file.
		 */
		private String projectId;

		public String getServiceAccountFile() {
			return this.serviceAccountFile;
		}

		public void setServiceAccountFile(String serviceAccountFile) {
			this.serviceAccountFile = serviceAccountFile;
		}

		public String getProjectId() {
			return this.projectId;
		}

		public void setProjectId(String projectId) {
			this.projectId = projectId;
		}

	}

	/**
	 * Lifetimes and polling of backchannel authentication requests.
	 */
	public static class Request {

		/**
		 * Most pending requests one client may have open for one customer at a time.
		 */
		private int maxPendingPerClientAndCustomer = 5;

		/**
		 * Lifetime of a request when the client sends no {@code requested_expiry}.
		 */
		private Duration defaultExpiry = Duration.ofSeconds(300);

		/**
		 * Smallest accepted {@code requested_expiry}.
		 */
		private Duration minExpiry = Duration.ofSeconds(5);

		/**
		 * Largest accepted {@code requested_expiry}.
		 */
		private Duration maxExpiry = Duration.ofSeconds(1800);

		/**
		 * Minimum time between two polls of the token endpoint for one request.
		 */
		private Duration interval = Duration.ofSeconds(5);

		/**
		 * How long ended requests are kept after their expiry (to answer
		 * {@code expired_token}, and for the customer's activity), before they are swept.
		 */
		private Duration retention = Duration.ofHours(24);

		public int getMaxPendingPerClientAndCustomer() {
			return this.maxPendingPerClientAndCustomer;
		}

		public void setMaxPendingPerClientAndCustomer(int maxPendingPerClientAndCustomer) {
			this.maxPendingPerClientAndCustomer = maxPendingPerClientAndCustomer;
		}

		public Duration getDefaultExpiry() {
			return this.defaultExpiry;
		}

		public void setDefaultExpiry(Duration defaultExpiry) {
			this.defaultExpiry = defaultExpiry;
		}

		public Duration getMinExpiry() {
			return this.minExpiry;
		}

		public void setMinExpiry(Duration minExpiry) {
			this.minExpiry = minExpiry;
		}

		public Duration getMaxExpiry() {
			return this.maxExpiry;
		}

		public void setMaxExpiry(Duration maxExpiry) {
			this.maxExpiry = maxExpiry;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

	}

	/**
	 * Customers and clients created at start-up when they do not exist yet (and updated
	 * when they do).
	 */
	public static class Seed {

		private List<SeedCustomer> customers = new ArrayList<>();

		private List<SeedClient> clients = new ArrayList<>();

		public List<SeedCustomer> getCustomers() {
			return this.customers;
		}

		public void setCustomers(List<SeedCustomer> customers) {
			this.customers = customers;
		}

		public List<SeedClient> getClients() {
			return this.clients;
		}

		public void setClients(List<SeedClient> clients) {
			this.clients = clients;
		}

	}

	/**
	 * A customer to create at start-up.
	 */
	public static class SeedCustomer {

		private String username;

		private String email;

		/**
		 * The password in clear, or already encoded as {@code {bcrypt}...}.
		 */
		private String password;

		private String displayName;

		public String getUsername() {
			return this.username;
		}

		public void setUsername(String username) {
			this.username = username;
		}

		public String getEmail() {
			return this.email;
		}

		public void setEmail(String email) {
			this.email = email;
		}

		public String getPassword() {
			return this.password;
		}

		public void setPassword(String password) {
			this.password = password;
		}

		public String getDisplayName() {
			return this.displayName;
		}

		public void setDisplayName(String displayName) {
			this.displayName = displayName;
		}

	}

	/**
	 * A client to create or update at start-up.
	 */
	public static class SeedClient {

		private String clientId;

		/**
		 * The secret in clear (at least 32 characters), or already encoded as
		 * {@code {sha256}<hex>}.
		 */
		private String clientSecret;

		private String clientName;

		private List<String> scopes = new ArrayList<>(List.of("openid"));

		private List<String> grantTypes = new ArrayList<>(List.of("urn:openid:params:grant-type:ciba"));

		private List<String> authenticationMethods = new ArrayList<>(
				List.of("client_secret_basic", "client_secret_post"));

		private String backchannelTokenDeliveryMode = "poll";

		/**
		 * Where a ping or push client is notified: an https URL (required for ping and
		 * push).
		 */
		private String backchannelClientNotificationEndpoint;

		/**
		 * The client's public keys for signed authentication requests: a JWK Set as JSON.
		 */
		private String jwks;

		/**
		 * The URL of the client's JWK Set (https), instead of {@code jwks}.
		 */
		private String jwksUri;

		/**
		 * The only algorithm the client's private_key_jwt assertions may use: RS256,
		 * PS256 or ES256; any of them when empty.
		 */
		private String tokenEndpointAuthSigningAlg;

		/**
		 * The only algorithm the client's request objects may use: RS256, PS256 or ES256.
		 */
		private String backchannelAuthenticationRequestSigningAlg;

		/**
		 * The hint types the client may send; all three when empty.
		 */
		private List<String> allowedHints = new ArrayList<>();

		/**
		 * Whether the client sends the customer's {@code user_code} with every request
		 * ({@code backchannel_user_code_parameter}, CIBA Core §4).
		 */
		private boolean backchannelUserCodeParameter;

		/**
		 * Whether every request of the client needs number matching
		 * ({@code number_matching_required}, our own metadata).
		 */
		private boolean numberMatchingRequired;

		/**
		 * The authorization details types the client may send
		 * ({@code authorization_details_types}, RFC 9396 §10); any type when empty.
		 */
		private List<String> authorizationDetailsTypes = new ArrayList<>();

		public boolean isNumberMatchingRequired() {
			return this.numberMatchingRequired;
		}

		public void setNumberMatchingRequired(boolean numberMatchingRequired) {
			this.numberMatchingRequired = numberMatchingRequired;
		}

		public List<String> getAuthorizationDetailsTypes() {
			return this.authorizationDetailsTypes;
		}

		public void setAuthorizationDetailsTypes(List<String> authorizationDetailsTypes) {
			this.authorizationDetailsTypes = authorizationDetailsTypes;
		}

		public String getClientId() {
			return this.clientId;
		}

		public void setClientId(String clientId) {
			this.clientId = clientId;
		}

		public String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public String getClientName() {
			return this.clientName;
		}

		public void setClientName(String clientName) {
			this.clientName = clientName;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public List<String> getGrantTypes() {
			return this.grantTypes;
		}

		public void setGrantTypes(List<String> grantTypes) {
			this.grantTypes = grantTypes;
		}

		public List<String> getAuthenticationMethods() {
			return this.authenticationMethods;
		}

		public void setAuthenticationMethods(List<String> authenticationMethods) {
			this.authenticationMethods = authenticationMethods;
		}

		public String getBackchannelTokenDeliveryMode() {
			return this.backchannelTokenDeliveryMode;
		}

		public void setBackchannelTokenDeliveryMode(String backchannelTokenDeliveryMode) {
			this.backchannelTokenDeliveryMode = backchannelTokenDeliveryMode;
		}

		public String getBackchannelClientNotificationEndpoint() {
			return this.backchannelClientNotificationEndpoint;
		}

		public void setBackchannelClientNotificationEndpoint(String backchannelClientNotificationEndpoint) {
			this.backchannelClientNotificationEndpoint = backchannelClientNotificationEndpoint;
		}

		public String getJwks() {
			return this.jwks;
		}

		public void setJwks(String jwks) {
			this.jwks = jwks;
		}

		public String getJwksUri() {
			return this.jwksUri;
		}

		public void setJwksUri(String jwksUri) {
			this.jwksUri = jwksUri;
		}

		public String getTokenEndpointAuthSigningAlg() {
			return this.tokenEndpointAuthSigningAlg;
		}

		public void setTokenEndpointAuthSigningAlg(String tokenEndpointAuthSigningAlg) {
			this.tokenEndpointAuthSigningAlg = tokenEndpointAuthSigningAlg;
		}

		public String getBackchannelAuthenticationRequestSigningAlg() {
			return this.backchannelAuthenticationRequestSigningAlg;
		}

		public void setBackchannelAuthenticationRequestSigningAlg(String backchannelAuthenticationRequestSigningAlg) {
			this.backchannelAuthenticationRequestSigningAlg = backchannelAuthenticationRequestSigningAlg;
		}

		public List<String> getAllowedHints() {
			return this.allowedHints;
		}

		public void setAllowedHints(List<String> allowedHints) {
			this.allowedHints = allowedHints;
		}

		public boolean isBackchannelUserCodeParameter() {
			return this.backchannelUserCodeParameter;
		}

		public void setBackchannelUserCodeParameter(boolean backchannelUserCodeParameter) {
			this.backchannelUserCodeParameter = backchannelUserCodeParameter;
		}

	}

}
