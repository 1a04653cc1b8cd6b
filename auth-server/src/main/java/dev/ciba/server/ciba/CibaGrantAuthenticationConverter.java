package dev.ciba.server.ciba;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a CIBA token request (CIBA Core 1.0 §10.1): {@code grant_type} is the CIBA grant
 * and {@code auth_req_id} appears exactly once. Returns {@code null} for other grants, so
 * that the token endpoint tries its other converters.
 */
public class CibaGrantAuthenticationConverter implements AuthenticationConverter {

	@Override
	public Authentication convert(HttpServletRequest request) {
		if (!CibaGrant.TYPE.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
			return null;
		}
		Map<String, String[]> parameters = request.getParameterMap();
		String[] values = parameters.get(CibaGrant.AUTH_REQ_ID);
		if (values == null || values.length != 1 || values[0].isEmpty()) {
			throw CibaErrors.token(OAuth2ErrorCodes.INVALID_REQUEST, "The auth_req_id parameter is required once");
		}
		if (values[0].length() > AuthReqId.MAX_LENGTH) {
			throw CibaErrors.token(OAuth2ErrorCodes.INVALID_GRANT, "The auth_req_id is invalid");
		}
		Authentication clientPrincipal = SecurityContextHolder.getContext().getAuthentication();
		return new CibaGrantAuthenticationToken(values[0], clientPrincipal, Map.of());
	}

}
