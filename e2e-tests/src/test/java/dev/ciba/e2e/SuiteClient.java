package dev.ciba.e2e;

import java.util.List;

import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;

/**
 * The clients the conformance suite's server is seeded with (see
 * {@link ConformanceConfiguration}): the demo client as C1 for poll mode, a second client
 * C2, and one client for each delivery mode and feature under test.
 */
enum SuiteClient {

	/** C1: the demo client, poll mode, {@code openid profile email}. */
	DEMO(client("demo-client", "Demo Bank Partner").secret("demo-client-secret-0123456789abcdef")
		.scopes("openid", "profile", "email")),

	/** C2: a second poll client with its own keys and refresh tokens. */
	SECOND(client("conformance-second", "Second Partner").secret("conformance-second-secret-0123456789abcd")
		.grants(Grants.CIBA, Grants.REFRESH_TOKEN)
		.keys()),

	/** Registered {@code PS256} for request objects: must sign every request. */
	SIGNED(client("conformance-signed", "Signing Partner").secret("conformance-signed-secret-0123456789abcd")
		.keys()
		.requestSigningAlgorithm("PS256")),

	/** A poll client that may refresh. */
	REFRESH(client("conformance-refresh", "Refreshing Partner").secret("conformance-refresh-secret-0123456789abc")
		.grants(Grants.CIBA, Grants.REFRESH_TOKEN)),

	/** Ping mode. */
	PING(client("conformance-ping", "Pinged Partner").secret("conformance-ping-secret-0123456789abcdefg")
		.delivery("ping", "/ping")),

	/** Push mode, with refresh tokens so that pushes carry one. */
	PUSH(client("conformance-push", "Pushed Partner").secret("conformance-push-secret-0123456789abcdefg")
		.grants(Grants.CIBA, Grants.REFRESH_TOKEN)
		.delivery("push", "/push")),

	/** Poll mode, yet with a notification endpoint: it must never be called. */
	POLL_WITH_ENDPOINT(
			client("conformance-poll-endpoint", "Polling Partner").secret("conformance-poll-endpoint-secret-0123456")
				.delivery("poll", "/poll")),

	/** Not allowed the CIBA grant. */
	NO_CIBA(client("conformance-no-ciba", "Not a CIBA client").secret("conformance-no-ciba-secret-0123456789abc")
		.grants("client_credentials")),

	/**
	 * Authenticates with {@code private_key_jwt}, its assertions registered
	 * {@code PS256}.
	 */
	PRIVATE_KEY_JWT(client("conformance-private-key-jwt", "Key Partner").keys().privateKeyJwt("PS256")),

	/** Registered for user codes: every request must carry the customer's. */
	USER_CODE(client("conformance-user-code", "Code Partner").secret("conformance-user-code-secret-0123456789a")
		.userCodes()),

	/** The operator's client that gets initial access tokens for dynamic registration. */
	REGISTRAR(
			client("conformance-registrar", "Registration Operator").secret("conformance-registrar-secret-0123456789ab")
				.grants("client_credentials")
				.scopes("client.create"));

	private final Spec spec;

	SuiteClient(Spec spec) {
		this.spec = spec;
	}

	String clientId() {
		return this.spec.clientId;
	}

	/**
	 * The client secret, or {@code null} for a {@code private_key_jwt} client.
	 */
	String secret() {
		return this.spec.secret;
	}

	String clientName() {
		return this.spec.clientName;
	}

	String deliveryMode() {
		return this.spec.deliveryMode;
	}

	/**
	 * The path of its notification endpoint on the {@link NotificationReceiver}, or
	 * {@code null}.
	 */
	String notificationPath() {
		return this.spec.notificationPath;
	}

	/**
	 * Whether it registered a public key ({@code jwks}).
	 */
	boolean hasKeys() {
		return this.spec.keys;
	}

	/**
	 * The {@code backchannel_authentication_request_signing_alg} it registered, or
	 * {@code null}.
	 */
	String requestSigningAlgorithm() {
		return this.spec.requestSigningAlgorithm;
	}

	/**
	 * The {@code token_endpoint_auth_signing_alg} of a {@code private_key_jwt} client, or
	 * {@code null} for a client that authenticates with its secret.
	 */
	String assertionSigningAlgorithm() {
		return this.spec.assertionSigningAlgorithm;
	}

	boolean usesPrivateKeyJwt() {
		return this.spec.assertionSigningAlgorithm != null;
	}

	boolean requiresUserCodes() {
		return this.spec.userCodes;
	}

	List<String> scopes() {
		return this.spec.scopes;
	}

	List<String> grantTypes() {
		return this.spec.grants;
	}

	/**
	 * {@code client_secret_basic} with its secret.
	 */
	ClientSecretBasic secretBasic() {
		if (this.spec.secret == null) {
			throw new IllegalStateException(this + " has no client secret");
		}
		return new ClientSecretBasic(new ClientID(this.spec.clientId), new Secret(this.spec.secret));
	}

	private static Spec client(String clientId, String clientName) {
		return new Spec(clientId, clientName);
	}

	/**
	 * What one client registers; poll mode, scope {@code openid profile} and the CIBA
	 * grant unless said otherwise.
	 */
	private static final class Spec {

		private final String clientId;

		private final String clientName;

		private String secret;

		private String deliveryMode = "poll";

		private String notificationPath;

		private boolean keys;

		private String requestSigningAlgorithm;

		private String assertionSigningAlgorithm;

		private boolean userCodes;

		private List<String> scopes = List.of("openid", "profile");

		private List<String> grants = List.of(Grants.CIBA);

		Spec(String clientId, String clientName) {
			this.clientId = clientId;
			this.clientName = clientName;
		}

		Spec secret(String secret) {
			this.secret = secret;
			return this;
		}

		Spec delivery(String mode, String notificationPath) {
			this.deliveryMode = mode;
			this.notificationPath = notificationPath;
			return this;
		}

		Spec keys() {
			this.keys = true;
			return this;
		}

		Spec requestSigningAlgorithm(String algorithm) {
			this.requestSigningAlgorithm = algorithm;
			return this;
		}

		Spec privateKeyJwt(String algorithm) {
			this.assertionSigningAlgorithm = algorithm;
			return this;
		}

		Spec userCodes() {
			this.userCodes = true;
			return this;
		}

		Spec scopes(String... scopes) {
			this.scopes = List.of(scopes);
			return this;
		}

		Spec grants(String... grants) {
			this.grants = List.of(grants);
			return this;
		}

	}

	/**
	 * Grant type names.
	 */
	static final class Grants {

		static final String CIBA = "urn:openid:params:grant-type:ciba";

		static final String REFRESH_TOKEN = "refresh_token";

		private Grants() {
		}

	}

}
