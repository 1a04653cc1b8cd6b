package dev.ciba.server.ciba;

import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;

/**
 * A token request with the CIBA grant: the client and the {@code auth_req_id} it redeems.
 */
public class CibaGrantAuthenticationToken extends OAuth2AuthorizationGrantAuthenticationToken {

	private final String authReqId;

	public CibaGrantAuthenticationToken(String authReqId, Authentication clientPrincipal,
			Map<String, Object> additionalParameters) {
		super(CibaGrant.TYPE, clientPrincipal, additionalParameters);
		this.authReqId = authReqId;
	}

	public AuthReqId getAuthReqId() {
		return new AuthReqId(this.authReqId);
	}

}
