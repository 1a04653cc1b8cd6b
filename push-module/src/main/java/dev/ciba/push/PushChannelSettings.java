package dev.ciba.push;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Settings of the device channel. The server provides exactly one bean of this type; the
 * push module binds no properties itself.
 *
 * @param tenant the tenant name, the {@code {tenant}} of every device API path
 * @param publicBaseUrl the URL the phones reach the server at, without a trailing slash
 * (the {@code host} of the discovery data)
 * @param registration how device registrations are offered
 * @param deviceJwt how device-signed JWTs are checked
 * @param outbox how pushes are sent and retried
 * @param sweep how ended records are cleaned up
 * @param resend when pushes of unanswered requests are sent again
 * @param wso2V1 the compatibility profile for generation 1 of the WSO2 protocol
 */
public record PushChannelSettings(String tenant, String publicBaseUrl, Registration registration, DeviceJwt deviceJwt,
		Outbox outbox, Sweep sweep, Resend resend, Wso2V1 wso2V1) {

	private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	public PushChannelSettings {
		if (tenant == null || !TENANT.matcher(tenant).matches()) {
			throw new IllegalArgumentException("tenant must be 1 to 64 letters, digits, '.', '_' or '-'");
		}
		publicBaseUrl = normalizeBaseUrl(publicBaseUrl);
		requireNonNull(registration, "registration");
		requireNonNull(deviceJwt, "deviceJwt");
		requireNonNull(outbox, "outbox");
		requireNonNull(sweep, "sweep");
		requireNonNull(resend, "resend");
		requireNonNull(wso2V1, "wso2V1");
	}

	/**
	 * The documented defaults for a tenant and a public base URL.
	 */
	public static PushChannelSettings defaults(String tenant, String publicBaseUrl) {
		return new PushChannelSettings(tenant, publicBaseUrl, Registration.defaults(), DeviceJwt.defaults(),
				Outbox.defaults(), Sweep.defaults(), Resend.defaults(), Wso2V1.defaults());
	}

	public PushChannelSettings withRegistration(Registration registration) {
		return new PushChannelSettings(this.tenant, this.publicBaseUrl, registration, this.deviceJwt, this.outbox,
				this.sweep, this.resend, this.wso2V1);
	}

	public PushChannelSettings withDeviceJwt(DeviceJwt deviceJwt) {
		return new PushChannelSettings(this.tenant, this.publicBaseUrl, this.registration, deviceJwt, this.outbox,
				this.sweep, this.resend, this.wso2V1);
	}

	public PushChannelSettings withOutbox(Outbox outbox) {
		return new PushChannelSettings(this.tenant, this.publicBaseUrl, this.registration, this.deviceJwt, outbox,
				this.sweep, this.resend, this.wso2V1);
	}

	public PushChannelSettings withSweep(Sweep sweep) {
		return new PushChannelSettings(this.tenant, this.publicBaseUrl, this.registration, this.deviceJwt, this.outbox,
				sweep, this.resend, this.wso2V1);
	}

	public PushChannelSettings withResend(Resend resend) {
		return new PushChannelSettings(this.tenant, this.publicBaseUrl, this.registration, this.deviceJwt, this.outbox,
				this.sweep, resend, this.wso2V1);
	}

	public PushChannelSettings withWso2V1(Wso2V1 wso2V1) {
		return new PushChannelSettings(this.tenant, this.publicBaseUrl, this.registration, this.deviceJwt, this.outbox,
				this.sweep, this.resend, wso2V1);
	}

	/**
	 * The path prefix of the tenant, {@code /t/{tenant}} (the {@code relativePath} of the
	 * push data).
	 */
	public String tenantPath() {
		return "/t/" + this.tenant;
	}

	/**
	 * The audience a generation-1 device puts in its tokens: the public base URL, the
	 * tenant path and a slash ({@code hst + "/t/" + td + "/"} in the WSO2 React Native
	 * SDK).
	 */
	public String wso2V1Audience() {
		return this.publicBaseUrl + tenantPath() + "/";
	}

	private static String normalizeBaseUrl(String url) {
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException("publicBaseUrl is required");
		}
		String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		URI uri = URI.create(trimmed);
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
			throw new IllegalArgumentException("publicBaseUrl must be an absolute http(s) URL");
		}
		if (uri.getQuery() != null || uri.getFragment() != null) {
			throw new IllegalArgumentException("publicBaseUrl must not have a query or a fragment");
		}
		return trimmed;
	}

	private static void requirePositive(Duration duration, String name) {
		requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive");
		}
	}

	private static void requirePositive(int value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1");
		}
	}

	private static void requireNonNull(Object value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " is required");
		}
	}

	/**
	 * Device registrations.
	 *
	 * @param lifetime how long a registration (its QR code) stays usable
	 * @param maxOpenPerCustomer how many unused registrations a customer may hold;
	 * opening one more drops the oldest
	 * @param maxDevicesPerCustomer how many active devices a customer may have; a
	 * registration beyond it is refused
	 */
	public record Registration(Duration lifetime, int maxOpenPerCustomer, int maxDevicesPerCustomer) {

		public Registration {
			requirePositive(lifetime, "registration.lifetime");
			requirePositive(maxOpenPerCustomer, "registration.maxOpenPerCustomer");
			requirePositive(maxDevicesPerCustomer, "registration.maxDevicesPerCustomer");
		}

		public static Registration defaults() {
			return new Registration(Duration.ofSeconds(180), 3, 5);
		}

		public Registration withMaxDevicesPerCustomer(int maxDevicesPerCustomer) {
			return new Registration(this.lifetime, this.maxOpenPerCustomer, maxDevicesPerCustomer);
		}

	}

	/**
	 * Device-signed JWTs.
	 *
	 * @param authenticateMaxLifetime the longest lifetime of an answer token (the WSO2
	 * SDKs use 600 s)
	 * @param maxLifetime the longest lifetime of every other device token
	 * @param clockSkew the clock difference tolerated either way
	 */
	public record DeviceJwt(Duration authenticateMaxLifetime, Duration maxLifetime, Duration clockSkew) {

		public DeviceJwt {
			requirePositive(authenticateMaxLifetime, "deviceJwt.authenticateMaxLifetime");
			requirePositive(maxLifetime, "deviceJwt.maxLifetime");
			requireNonNull(clockSkew, "deviceJwt.clockSkew");
			if (clockSkew.isNegative()) {
				throw new IllegalArgumentException("deviceJwt.clockSkew must not be negative");
			}
		}

		public static DeviceJwt defaults() {
			return new DeviceJwt(Duration.ofSeconds(600), Duration.ofSeconds(300), Duration.ofSeconds(60));
		}

	}

	/**
	 * The push outbox.
	 *
	 * @param pollDelay the pause between two polls for due pushes (pushes are also sent
	 * at once after the request commits; the poll catches what that missed)
	 * @param batchSize how many pushes one poll claims at a time
	 * @param maxAttempts attempts per push before it is marked failed
	 * @param retryDelay the pause after the first failed attempt; it doubles per attempt
	 * @param maxRetryDelay the longest pause between two attempts
	 * @param claimLease how long a claimed push stays reserved for the node that claimed
	 * it; longer than any send may take
	 */
	public record Outbox(Duration pollDelay, int batchSize, int maxAttempts, Duration retryDelay,
			Duration maxRetryDelay, Duration claimLease) {

		public Outbox {
			requirePositive(pollDelay, "outbox.pollDelay");
			requirePositive(batchSize, "outbox.batchSize");
			requirePositive(maxAttempts, "outbox.maxAttempts");
			requirePositive(retryDelay, "outbox.retryDelay");
			requirePositive(maxRetryDelay, "outbox.maxRetryDelay");
			requirePositive(claimLease, "outbox.claimLease");
		}

		public static Outbox defaults() {
			return new Outbox(Duration.ofSeconds(10), 50, 5, Duration.ofSeconds(5), Duration.ofMinutes(2),
					Duration.ofMinutes(2));
		}

	}

	/**
	 * Clean-up of ended records.
	 *
	 * @param delay the pause between two sweeps
	 * @param batchSize rows deleted per statement
	 * @param endedRetention how long push authentications (with their attempts) are kept
	 * after they expired
	 */
	public record Sweep(Duration delay, int batchSize, Duration endedRetention) {

		public Sweep {
			requirePositive(delay, "sweep.delay");
			requirePositive(batchSize, "sweep.batchSize");
			requirePositive(endedRetention, "sweep.endedRetention");
		}

		public static Sweep defaults() {
			return new Sweep(Duration.ofMinutes(5), 500, Duration.ofHours(24));
		}

	}

	/**
	 * Pushes sent again for requests nobody answered, for pushes the provider accepted
	 * but the phone never showed.
	 *
	 * @param after how long a request waits for an answer before its pushes are sent
	 * again, and again after each resend; zero sends no push again
	 * @param maxCount how many times at most; {@code 0} sends no push again
	 */
	public record Resend(Duration after, int maxCount) {

		public Resend {
			requireNonNull(after, "resend.after");
			if (after.isNegative()) {
				throw new IllegalArgumentException("resend.after must not be negative");
			}
			if (maxCount < 0) {
				throw new IllegalArgumentException("resend.maxCount must not be negative");
			}
		}

		public static Resend defaults() {
			return new Resend(Duration.ofSeconds(30), 2);
		}

		/**
		 * Whether any push is ever sent again.
		 */
		public boolean enabled() {
			return this.maxCount > 0 && !this.after.isZero();
		}

	}

	/**
	 * The compatibility profile for generation 1 ("push-auth") of the WSO2 protocol, as
	 * the React Native SDK and its sample app "WSO2 Verify" speak it. Off by default:
	 * then none of its endpoints and QR codes exist, and 1024-bit RSA keys are refused.
	 *
	 * @param enabled whether the profile is on
	 * @param maxTokenLifetime the longest lifetime of a generation-1 answer or remove
	 * token (the SDK signs them for one hour)
	 */
	public record Wso2V1(boolean enabled, Duration maxTokenLifetime) {

		public Wso2V1 {
			requirePositive(maxTokenLifetime, "wso2V1.maxTokenLifetime");
		}

		public static Wso2V1 defaults() {
			return new Wso2V1(false, Duration.ofHours(1));
		}

	}

}
