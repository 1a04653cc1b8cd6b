package dev.ciba.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.ciba.server.ciba.CibaGrant;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.registration.TokenLifetimes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * The client form of the console: every metadata a CIBA client registers, as form fields.
 * It does not check anything itself; it becomes the JSON object of a registration
 * ({@link #toRegistrationMetadata()}), which goes through the registration's own checks.
 */
public class ClientForm {

	/**
	 * Registration metadata names, and the names of the token lifetimes, by form field:
	 * where a refusal that names a member is shown.
	 */
	static final Map<String, String> FIELDS_BY_MEMBER = Map.ofEntries(Map.entry("client_name", "clientName"),
			Map.entry("grant_types", "refreshToken"), Map.entry("scope", "scope"),
			Map.entry("token_endpoint_auth_method", "authenticationMethod"),
			Map.entry(CibaClientSettings.CLIENT_ASSERTION_SIGNING_ALG, "clientAssertionSigningAlg"),
			Map.entry(CibaClientSettings.JWKS, "jwks"), Map.entry(CibaClientSettings.JWKS_URI, "jwksUri"),
			Map.entry(CibaClientSettings.DELIVERY_MODE, "deliveryMode"),
			Map.entry(CibaClientSettings.NOTIFICATION_ENDPOINT, "notificationEndpoint"),
			Map.entry(CibaClientSettings.REQUEST_SIGNING_ALG, "requestSigningAlg"),
			Map.entry(CibaClientSettings.USER_CODE_PARAMETER, "userCodeParameter"),
			Map.entry(CibaClientSettings.NUMBER_MATCHING_REQUIRED, "numberMatchingRequired"),
			Map.entry(CibaClientSettings.AUTHORIZATION_DETAILS_TYPES, "authorizationDetailsTypes"),
			Map.entry(CibaClientSettings.ALLOWED_HINTS, "allowedHints"),
			Map.entry("access_token_lifetime", "accessTokenLifetime"),
			Map.entry("refresh_token_lifetime", "refreshTokenLifetime"));

	/**
	 * The fields the console's form always posts (a checkbox by its hidden marker, sent
	 * also when it is not ticked).
	 */
	static final List<String> POSTED_FIELDS = List.of("clientName", "scope", "_refreshToken", "deliveryMode",
			"notificationEndpoint", "authenticationMethod", "clientAssertionSigningAlg", "jwks", "jwksUri",
			"requestSigningAlg", "_userCodeParameter", "_allowedHints", "_numberMatchingRequired",
			"authorizationDetailsTypes", "accessTokenLifetime", "refreshTokenLifetime");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private String clientName = "";

	private String deliveryMode = CibaClientSettings.POLL;

	private String notificationEndpoint = "";

	private String authenticationMethod = ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue();

	private String clientAssertionSigningAlg = "";

	private String jwks = "";

	private String jwksUri = "";

	private String requestSigningAlg = "";

	private boolean userCodeParameter;

	private boolean numberMatchingRequired;

	private List<String> allowedHints = new ArrayList<>(CibaClientSettings.HINTS);

	private String scope = "openid";

	private boolean refreshToken;

	private String authorizationDetailsTypes = "";

	private String accessTokenLifetime = String.valueOf(TokenLifetimes.defaults().accessToken().toSeconds());

	private String refreshTokenLifetime = String.valueOf(TokenLifetimes.defaults().refreshToken().toSeconds());

	/**
	 * The form of a stored client.
	 * <p>
	 * Known shortcoming: the form has one authentication method, like a registration; a
	 * seeded client with several (such as {@code client_secret_basic} and
	 * {@code client_secret_post}) shows, and keeps when saved, the first by name. A
	 * seeded client is also reset to its configuration at the next start-up, so console
	 * changes to it last until then.
	 */
	static ClientForm of(RegisteredClient client) {
		ClientForm form = new ClientForm();
		form.clientName = client.getClientName();
		form.deliveryMode = CibaClientSettings.deliveryMode(client);
		form.notificationEndpoint = orEmpty(CibaClientSettings.notificationEndpoint(client));
		form.authenticationMethod = client.getClientAuthenticationMethods()
			.stream()
			.map(ClientAuthenticationMethod::getValue)
			.sorted()
			.findFirst()
			.orElse(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue());
		form.clientAssertionSigningAlg = orEmpty(CibaClientSettings.clientAssertionSigningAlgorithm(client));
		form.jwks = orEmpty(CibaClientSettings.jwks(client));
		form.jwksUri = orEmpty(CibaClientSettings.jwksUri(client));
		form.requestSigningAlg = orEmpty(CibaClientSettings.requestSigningAlgorithm(client));
		form.userCodeParameter = CibaClientSettings.userCodeParameter(client);
		form.numberMatchingRequired = CibaClientSettings.numberMatchingRequired(client);
		form.allowedHints = new ArrayList<>(
				CibaClientSettings.HINTS.stream().filter(CibaClientSettings.allowedHints(client)::contains).toList());
		form.scope = String.join(" ", client.getScopes().stream().sorted().toList());
		form.refreshToken = client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN);
		form.authorizationDetailsTypes = String.join("\n", CibaClientSettings.authorizationDetailsTypes(client));
		TokenLifetimes lifetimes = TokenLifetimes.of(client.getTokenSettings());
		form.accessTokenLifetime = String.valueOf(lifetimes.accessToken().toSeconds());
		form.refreshTokenLifetime = String.valueOf(lifetimes.refreshToken().toSeconds());
		return form;
	}

	/**
	 * The form as the JSON object of a registration request. Empty fields are absent
	 * members; {@code jwks} that is not JSON is passed on as a string, which the
	 * registration's checks refuse as they would in a registration.
	 */
	JsonNode toRegistrationMetadata() {
		ObjectNode metadata = JSON.createObjectNode();
		putText(metadata, "client_name", this.clientName);
		ArrayNode grants = metadata.putArray("grant_types");
		grants.add(CibaGrant.TYPE.getValue());
		if (this.refreshToken) {
			grants.add(AuthorizationGrantType.REFRESH_TOKEN.getValue());
		}
		putText(metadata, "scope", this.scope.strip());
		putText(metadata, "token_endpoint_auth_method", this.authenticationMethod);
		putText(metadata, CibaClientSettings.CLIENT_ASSERTION_SIGNING_ALG, this.clientAssertionSigningAlg);
		if (!this.jwks.isBlank()) {
			metadata.set(CibaClientSettings.JWKS, jwksValue(this.jwks));
		}
		putText(metadata, CibaClientSettings.JWKS_URI, this.jwksUri.strip());
		putText(metadata, CibaClientSettings.DELIVERY_MODE, this.deliveryMode);
		if (!CibaClientSettings.POLL.equals(this.deliveryMode)) {
			putText(metadata, CibaClientSettings.NOTIFICATION_ENDPOINT, this.notificationEndpoint.strip());
		}
		putText(metadata, CibaClientSettings.REQUEST_SIGNING_ALG, this.requestSigningAlg);
		metadata.put(CibaClientSettings.USER_CODE_PARAMETER, this.userCodeParameter);
		metadata.put(CibaClientSettings.NUMBER_MATCHING_REQUIRED, this.numberMatchingRequired);
		List<String> types = this.authorizationDetailsTypes.lines()
			.map(String::strip)
			.filter((t) -> !t.isEmpty())
			.toList();
		if (!types.isEmpty()) {
			ArrayNode array = metadata.putArray(CibaClientSettings.AUTHORIZATION_DETAILS_TYPES);
			types.forEach(array::add);
		}
		return metadata;
	}

	/**
	 * The allowed hints as client metadata: empty (every hint) when all are ticked.
	 */
	List<String> allowedHintsMetadata() {
		List<String> hints = (this.allowedHints != null) ? this.allowedHints : List.of();
		return hints.containsAll(CibaClientSettings.HINTS) ? List.of()
				: CibaClientSettings.HINTS.stream().filter(hints::contains).toList();
	}

	private static JsonNode jwksValue(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return JSON.getNodeFactory().stringNode(text);
		}
	}

	private static void putText(ObjectNode metadata, String name, String value) {
		if (value != null && !value.isBlank()) {
			metadata.put(name, value);
		}
	}

	private static String orEmpty(String value) {
		return (value != null) ? value : "";
	}

	public String getClientName() {
		return this.clientName;
	}

	public void setClientName(String clientName) {
		this.clientName = clientName;
	}

	public String getDeliveryMode() {
		return this.deliveryMode;
	}

	public void setDeliveryMode(String deliveryMode) {
		this.deliveryMode = deliveryMode;
	}

	public String getNotificationEndpoint() {
		return this.notificationEndpoint;
	}

	public void setNotificationEndpoint(String notificationEndpoint) {
		this.notificationEndpoint = notificationEndpoint;
	}

	public String getAuthenticationMethod() {
		return this.authenticationMethod;
	}

	public void setAuthenticationMethod(String authenticationMethod) {
		this.authenticationMethod = authenticationMethod;
	}

	public String getClientAssertionSigningAlg() {
		return this.clientAssertionSigningAlg;
	}

	public void setClientAssertionSigningAlg(String clientAssertionSigningAlg) {
		this.clientAssertionSigningAlg = clientAssertionSigningAlg;
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

	public String getRequestSigningAlg() {
		return this.requestSigningAlg;
	}

	public void setRequestSigningAlg(String requestSigningAlg) {
		this.requestSigningAlg = requestSigningAlg;
	}

	public boolean isUserCodeParameter() {
		return this.userCodeParameter;
	}

	public void setUserCodeParameter(boolean userCodeParameter) {
		this.userCodeParameter = userCodeParameter;
	}

	public boolean isNumberMatchingRequired() {
		return this.numberMatchingRequired;
	}

	public void setNumberMatchingRequired(boolean numberMatchingRequired) {
		this.numberMatchingRequired = numberMatchingRequired;
	}

	public List<String> getAllowedHints() {
		return this.allowedHints;
	}

	public void setAllowedHints(List<String> allowedHints) {
		this.allowedHints = allowedHints;
	}

	public String getScope() {
		return this.scope;
	}

	public void setScope(String scope) {
		this.scope = scope;
	}

	public boolean isRefreshToken() {
		return this.refreshToken;
	}

	public void setRefreshToken(boolean refreshToken) {
		this.refreshToken = refreshToken;
	}

	public String getAuthorizationDetailsTypes() {
		return this.authorizationDetailsTypes;
	}

	public void setAuthorizationDetailsTypes(String authorizationDetailsTypes) {
		this.authorizationDetailsTypes = authorizationDetailsTypes;
	}

	public String getAccessTokenLifetime() {
		return this.accessTokenLifetime;
	}

	public void setAccessTokenLifetime(String accessTokenLifetime) {
		this.accessTokenLifetime = accessTokenLifetime;
	}

	public String getRefreshTokenLifetime() {
		return this.refreshTokenLifetime;
	}

	public void setRefreshTokenLifetime(String refreshTokenLifetime) {
		this.refreshTokenLifetime = refreshTokenLifetime;
	}

}
