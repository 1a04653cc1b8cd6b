package dev.ciba.server.ciba;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.consent.AuthorizationDetails;
import dev.ciba.server.consent.AuthorizationDetailsParser;
import dev.ciba.server.consent.InvalidAuthorizationDetailsException;
import dev.ciba.server.hint.Hint;
import dev.ciba.server.hint.HintType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.util.StringUtils;

/**
 * Parses a backchannel authentication request strictly: every parameter at most once,
 * exactly one hint, bounded lengths, and {@code requested_expiry} as a plain positive
 * integer. The same rules apply to the claims of a signed request object (CIBA Core
 * §7.1.1), which this class parses but never verifies. Only parsing: rules about the
 * client, the request object and the customer belong to
 * {@link BackchannelAuthenticationService} and {@link RequestObjectVerifier}.
 */
public class BackchannelAuthenticationRequestConverter {

	static final String SCOPE = "scope";

	static final String LOGIN_HINT = "login_hint";

	static final String LOGIN_HINT_TOKEN = "login_hint_token";

	static final String ID_TOKEN_HINT = "id_token_hint";

	static final String BINDING_MESSAGE = "binding_message";

	static final String REQUESTED_EXPIRY = "requested_expiry";

	static final String ACR_VALUES = "acr_values";

	static final String USER_CODE = "user_code";

	static final String CLIENT_NOTIFICATION_TOKEN = "client_notification_token";

	static final String REQUEST = "request";

	static final String AUTHORIZATION_DETAILS = AuthorizationDetailsParser.PARAMETER;

	/**
	 * The authentication parameters: with a {@code request}, they may appear only inside
	 * it. Client authentication parameters stay outside.
	 */
	static final List<String> AUTHENTICATION_PARAMETERS = List.of(SCOPE, LOGIN_HINT, LOGIN_HINT_TOKEN, ID_TOKEN_HINT,
			BINDING_MESSAGE, REQUESTED_EXPIRY, ACR_VALUES, USER_CODE, CLIENT_NOTIFICATION_TOKEN, AUTHORIZATION_DETAILS);

	private static final int MAX_LOGIN_HINT_LENGTH = 254;

	/** Longer than any ID token or login hint token this server issues. */
	private static final int MAX_TOKEN_HINT_LENGTH = 8192;

	private static final int MAX_REQUEST_LENGTH = 32768;

	private static final int MAX_SCOPE_LENGTH = 1000;

	private static final int MAX_ACR_VALUES_LENGTH = 1000;

	/**
	 * Longer than any valid binding message (64 characters, each up to two UTF-16 units,
	 * plus combining marks); a longer one is refused before it is normalised.
	 */
	private static final int MAX_RAW_BINDING_MESSAGE_LENGTH = 512;

	/** At most nine digits, as the design settles; no sign, no decimals, no exponent. */
	private static final Pattern REQUESTED_EXPIRY_PATTERN = Pattern.compile("[0-9]{1,9}");

	/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
	private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

	/**
	 * Parses the request: the parameters of an unsigned request, or the still unverified
	 * request object of a signed one.
	 * @throws OAuth2AuthenticationException {@code invalid_request} or
	 * {@code invalid_scope} when the form is malformed
	 */
	public ParsedBackchannelRequest convert(HttpServletRequest request) {
		requireFormContent(request);
		Map<String, String[]> parameters = request.getParameterMap();
		String requestObject = single(parameters, REQUEST);
		if (requestObject != null) {
			return signed(parameters, requestObject, request.getRemoteAddr());
		}
		return parameters((name) -> single(parameters, name),
				() -> AuthorizationDetailsParser.parse(single(parameters, AUTHORIZATION_DETAILS)),
				request.getRemoteAddr());
	}

	/**
	 * Reads the authentication parameters from the claims of a verified request object.
	 * String claims are read as form values are; {@code requested_expiry} may also be a
	 * JSON number (CIBA Core §7.1.1), and {@code authorization_details} is a JSON array
	 * (RFC 9396 §3).
	 * @throws OAuth2AuthenticationException {@code invalid_request} or
	 * {@code invalid_scope} when a claim is malformed
	 */
	public BackchannelAuthenticationRequest convert(JWTClaimsSet claims, String ipAddress) {
		return parameters((name) -> claim(claims, name),
				() -> AuthorizationDetailsParser.fromClaim(claims.getClaim(AUTHORIZATION_DETAILS)), ipAddress);
	}

	private static BackchannelAuthenticationRequest parameters(UnaryOperator<String> parameter,
			Supplier<AuthorizationDetails> authorizationDetails, String ipAddress) {
		Set<String> scopes = scopes(parameter.apply(SCOPE));
		Hint hint = hint(parameter);
		String bindingMessage = parameter.apply(BINDING_MESSAGE);
		if (bindingMessage != null && bindingMessage.length() > MAX_RAW_BINDING_MESSAGE_LENGTH) {
			throw CibaErrors.authentication(CibaErrors.INVALID_BINDING_MESSAGE, "The binding_message is too long");
		}
		Integer requestedExpiry = requestedExpiry(parameter.apply(REQUESTED_EXPIRY));
		List<String> acrValues = acrValues(parameter.apply(ACR_VALUES));
		// Checked or ignored by BackchannelAuthenticationService.
		String userCode = parameter.apply(USER_CODE);
		// Checked against the client's delivery mode by BackchannelAuthenticationService.
		String clientNotificationToken = parameter.apply(CLIENT_NOTIFICATION_TOKEN);
		return new BackchannelAuthenticationRequest(scopes, hint, bindingMessage, requestedExpiry, acrValues, userCode,
				ipAddress, clientNotificationToken, authorizationDetails(authorizationDetails));
	}

	// RFC 9396 §5: authorization details that break a rule are
	// invalid_authorization_details.
	private static AuthorizationDetails authorizationDetails(Supplier<AuthorizationDetails> details) {
		try {
			return details.get();
		}
		catch (InvalidAuthorizationDetailsException ex) {
			throw CibaErrors.invalidAuthorizationDetails(ex.getMessage());
		}
	}

	// CIBA Core §7.1.1: with a signed request the authentication parameters live only in
	// the request object; sending them outside as well is refused rather than ignored.
	private static SignedBackchannelRequest signed(Map<String, String[]> parameters, String requestObject,
			String ipAddress) {
		for (String name : AUTHENTICATION_PARAMETERS) {
			if (single(parameters, name) != null) {
				throw invalidRequest("The " + name + " parameter must be inside the request object");
			}
		}
		if (requestObject.length() > MAX_REQUEST_LENGTH) {
			throw invalidRequest("The request parameter is too long");
		}
		return new SignedBackchannelRequest(parseRequestObject(requestObject), ipAddress);
	}

	private static SignedJWT parseRequestObject(String value) {
		JWT jwt;
		try {
			jwt = JWTParser.parse(value);
		}
		catch (ParseException ex) {
			throw invalidRequest("The request parameter is not a JWT");
		}
		if (jwt instanceof SignedJWT signed) {
			return signed;
		}
		if (jwt instanceof EncryptedJWT) {
			throw invalidRequest("Encrypted request objects are not supported");
		}
		throw invalidRequest("The request object must be signed");
	}

	private static void requireFormContent(HttpServletRequest request) {
		String contentType = request.getContentType();
		boolean form = false;
		if (contentType != null) {
			try {
				form = MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
			}
			catch (IllegalArgumentException ex) {
				form = false;
			}
		}
		if (!form) {
			throw invalidRequest("The request must be sent as application/x-www-form-urlencoded");
		}
	}

	// RFC 6749 §3.1: parameters sent without a value are treated as omitted; none may be
	// repeated.
	private static String single(Map<String, String[]> parameters, String name) {
		String[] values = parameters.get(name);
		if (values == null) {
			return null;
		}
		if (values.length > 1) {
			throw invalidRequest("The " + name + " parameter must not be repeated");
		}
		return StringUtils.hasLength(values[0]) ? values[0] : null;
	}

	// Claims are strings, as form values are; an empty one counts as absent. Only
	// requested_expiry may also be a JSON integer (CIBA Core §7.1.1).
	private static String claim(JWTClaimsSet claims, String name) {
		if (!claims.getClaims().containsKey(name)) {
			return null;
		}
		Object value = claims.getClaim(name);
		if (value instanceof String text) {
			return text.isEmpty() ? null : text;
		}
		if (REQUESTED_EXPIRY.equals(name) && (value instanceof Long || value instanceof Integer)) {
			return value.toString();
		}
		throw invalidRequest("The " + name + " claim must be a string");
	}

	// CIBA Core §7.1: scope is required and must contain openid.
	private static Set<String> scopes(String scope) {
		if (scope == null) {
			throw invalidRequest("The scope parameter is required");
		}
		if (scope.length() > MAX_SCOPE_LENGTH) {
			throw invalidRequest("The scope parameter is too long");
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (String token : scope.split(" ")) {
			if (token.isEmpty()) {
				continue;
			}
			if (!SCOPE_TOKEN.matcher(token).matches()) {
				throw CibaErrors.authentication(OAuth2ErrorCodes.INVALID_SCOPE,
						"The scope parameter contains an invalid scope token");
			}
			scopes.add(token);
		}
		if (scopes.isEmpty()) {
			throw invalidRequest("The scope parameter is required");
		}
		return scopes;
	}

	// CIBA Core §7.1: exactly one of login_hint_token, id_token_hint and login_hint.
	private static Hint hint(UnaryOperator<String> parameter) {
		Hint hint = null;
		for (HintType type : HintType.values()) {
			String value = parameter.apply(type.parameterName());
			if (value == null) {
				continue;
			}
			if (hint != null) {
				throw oneHintRequired();
			}
			int maxLength = (type == HintType.LOGIN_HINT) ? MAX_LOGIN_HINT_LENGTH : MAX_TOKEN_HINT_LENGTH;
			if (value.length() > maxLength) {
				throw invalidRequest("The " + type.parameterName() + " parameter is too long");
			}
			hint = new Hint(type, value);
		}
		if (hint == null) {
			throw oneHintRequired();
		}
		return hint;
	}

	private static OAuth2AuthenticationException oneHintRequired() {
		return invalidRequest("Exactly one of login_hint, login_hint_token and id_token_hint is required");
	}

	private static Integer requestedExpiry(String value) {
		if (value == null) {
			return null;
		}
		if (!REQUESTED_EXPIRY_PATTERN.matcher(value).matches()) {
			throw invalidRequest("The requested_expiry parameter must be a positive integer number of seconds");
		}
		return Integer.valueOf(value);
	}

	private static List<String> acrValues(String value) {
		if (value == null) {
			return List.of();
		}
		if (value.length() > MAX_ACR_VALUES_LENGTH) {
			throw invalidRequest("The acr_values parameter is too long");
		}
		List<String> values = new ArrayList<>();
		for (String acr : value.split(" ")) {
			if (!acr.isEmpty()) {
				values.add(acr);
			}
		}
		return values;
	}

	private static OAuth2AuthenticationException invalidRequest(String description) {
		return CibaErrors.authentication(OAuth2ErrorCodes.INVALID_REQUEST, description);
	}

}
