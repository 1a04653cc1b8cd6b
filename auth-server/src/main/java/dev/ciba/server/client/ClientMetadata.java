package dev.ciba.server.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The metadata of a client that the server checks and keeps in the client's settings,
 * whatever its source: a client seeded from configuration or a dynamic registration. The
 * parts are named after the registration metadata of RFC 7591 §2 and CIBA Core 1.0 §4.
 *
 * @param authenticationMethods the client authentication methods
 * ({@code token_endpoint_auth_method}; seeded clients may list several)
 * @param clientAssertionSigningAlg {@code token_endpoint_auth_signing_alg}, or
 * {@code null}
 * @param jwks {@code jwks}, a JWK Set as JSON, or {@code null}
 * @param jwksUri {@code jwks_uri}, or {@code null}
 * @param deliveryMode {@code backchannel_token_delivery_mode}
 * @param notificationEndpoint {@code backchannel_client_notification_endpoint}, or
 * {@code null}
 * @param requestSigningAlg {@code backchannel_authentication_request_signing_alg}, or
 * {@code null}
 * @param userCodeParameter {@code backchannel_user_code_parameter}
 * @param allowedHints the hint types the client may send (our own metadata); all when
 * empty
 * @param numberMatchingRequired {@code number_matching_required} (our own metadata)
 * @param authorizationDetailsTypes {@code authorization_details_types} (RFC 9396 §10);
 * any type when empty
 */
public record ClientMetadata(List<String> authenticationMethods, String clientAssertionSigningAlg, String jwks,
		String jwksUri, String deliveryMode, String notificationEndpoint, String requestSigningAlg,
		boolean userCodeParameter, List<String> allowedHints, boolean numberMatchingRequired,
		List<String> authorizationDetailsTypes) {

	public ClientMetadata {
		authenticationMethods = List.copyOf(authenticationMethods);
		allowedHints = List.copyOf(allowedHints);
		authorizationDetailsTypes = List.copyOf(authorizationDetailsTypes);
	}

	/**
	 * A builder with no metadata set, delivery mode {@code poll}.
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds {@link ClientMetadata}; unset parts are absent.
	 */
	public static final class Builder {

		private final List<String> authenticationMethods = new ArrayList<>();

		private String clientAssertionSigningAlg;

		private String jwks;

		private String jwksUri;

		private String deliveryMode = CibaClientSettings.POLL;

		private String notificationEndpoint;

		private String requestSigningAlg;

		private boolean userCodeParameter;

		private final List<String> allowedHints = new ArrayList<>();

		private boolean numberMatchingRequired;

		private final List<String> authorizationDetailsTypes = new ArrayList<>();

		private Builder() {
		}

		public Builder authenticationMethods(List<String> methods) {
			this.authenticationMethods.clear();
			this.authenticationMethods.addAll(methods);
			return this;
		}

		public Builder clientAssertionSigningAlg(String algorithm) {
			this.clientAssertionSigningAlg = algorithm;
			return this;
		}

		public Builder jwks(String jwks) {
			this.jwks = jwks;
			return this;
		}

		public Builder jwksUri(String jwksUri) {
			this.jwksUri = jwksUri;
			return this;
		}

		public Builder deliveryMode(String mode) {
			this.deliveryMode = mode;
			return this;
		}

		public Builder notificationEndpoint(String endpoint) {
			this.notificationEndpoint = endpoint;
			return this;
		}

		public Builder requestSigningAlg(String algorithm) {
			this.requestSigningAlg = algorithm;
			return this;
		}

		public Builder userCodeParameter(boolean userCodeParameter) {
			this.userCodeParameter = userCodeParameter;
			return this;
		}

		public Builder allowedHints(List<String> hints) {
			this.allowedHints.clear();
			this.allowedHints.addAll(hints);
			return this;
		}

		public Builder numberMatchingRequired(boolean numberMatchingRequired) {
			this.numberMatchingRequired = numberMatchingRequired;
			return this;
		}

		public Builder authorizationDetailsTypes(List<String> types) {
			this.authorizationDetailsTypes.clear();
			this.authorizationDetailsTypes.addAll(types);
			return this;
		}

		public ClientMetadata build() {
			return new ClientMetadata(this.authenticationMethods, this.clientAssertionSigningAlg, this.jwks,
					this.jwksUri, this.deliveryMode, this.notificationEndpoint, this.requestSigningAlg,
					this.userCodeParameter, this.allowedHints, this.numberMatchingRequired,
					this.authorizationDetailsTypes);
		}

	}

}
