package dev.ciba.server.ciba;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.util.StringUtils;

/**
 * Parses the form of a backchannel authentication request strictly: every parameter at
 * most once, exactly one hint, bounded lengths, and {@code requested_expiry} as a plain
 * positive integer. Only parsing: rules about the client and the customer belong to
 * {@link BackchannelAuthenticationService}.
 */
public class BackchannelAuthenticationRequestConverter {

	static final String SCOPE = "scope";

	static final String LOGIN_HINT = "login_hint";

	static final String LOGIN_HINT_TOKEN = "login_hint_token";

	static final String ID_TOKEN_HINT = "id_token_hint";

	static final String BINDING_MESSAGE = "binding_message";

	static final String REQUESTED_EXPIRY = "requested_expiry";

	static final String ACR_VALUES = "acr_values";

	static final String REQUEST = "request";

	private static final int MAX_LOGIN_HINT_LENGTH = 254;

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
	 * Parses the request.
	 * @throws org.springframework.security.oauth2.core.OAuth2AuthenticationException
	 * {@code invalid_request} or {@code invalid_scope} when the form is malformed
	 */
	public BackchannelAuthenticationRequest convert(HttpServletRequest request) {
		requireFormContent(request);
		Map<String, String[]> parameters = request.getParameterMap();
		if (single(parameters, REQUEST) != null) {
			// Signed authentication requests (CIBA Core §7.1.1) are not implemented yet:
			// the request object's
			// signature, audience and replay checks are still to be built. Until then
			// such requests are refused.
			throw invalidRequest("The request parameter (signed authentication requests) is not supported");
		}
		Set<String> scopes = scopes(single(parameters, SCOPE));
		String loginHint = loginHint(parameters);
		String bindingMessage = single(parameters, BINDING_MESSAGE);
		if (bindingMessage != null && bindingMessage.length() > MAX_RAW_BINDING_MESSAGE_LENGTH) {
			throw CibaErrors.authentication(CibaErrors.INVALID_BINDING_MESSAGE, "The binding_message is too long");
		}
		Integer requestedExpiry = requestedExpiry(single(parameters, REQUESTED_EXPIRY));
		List<String> acrValues = acrValues(single(parameters, ACR_VALUES));
		return new BackchannelAuthenticationRequest(scopes, loginHint, bindingMessage, requestedExpiry, acrValues,
				request.getRemoteAddr());
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
	private static String loginHint(Map<String, String[]> parameters) {
		String loginHint = single(parameters, LOGIN_HINT);
		String loginHintToken = single(parameters, LOGIN_HINT_TOKEN);
		String idTokenHint = single(parameters, ID_TOKEN_HINT);
		long hints = Arrays.stream(new String[] { loginHint, loginHintToken, idTokenHint })
			.filter((hint) -> hint != null)
			.count();
		if (hints != 1) {
			throw invalidRequest("Exactly one of login_hint, login_hint_token and id_token_hint is required");
		}
		if (loginHint == null) {
			// Only login_hint is implemented so far. id_token_hint needs the verification
			// of our own ID tokens
			// and login_hint_token a token format of our own; both are still to be built.
			throw invalidRequest("Only the login_hint hint is supported");
		}
		if (loginHint.length() > MAX_LOGIN_HINT_LENGTH) {
			throw invalidRequest("The login_hint parameter is too long");
		}
		return loginHint;
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

	private static org.springframework.security.oauth2.core.OAuth2AuthenticationException invalidRequest(
			String description) {
		return CibaErrors.authentication(OAuth2ErrorCodes.INVALID_REQUEST, description);
	}

}
