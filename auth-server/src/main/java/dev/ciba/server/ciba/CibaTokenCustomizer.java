package dev.ciba.server.ciba;

import java.time.Instant;
import java.util.Date;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Adds {@code auth_time} (when the customer approved on the phone) to the access and ID
 * tokens of the CIBA grant, and of refreshes of it. OpenID Connect Core §2 makes
 * {@code auth_time} the time of the end-user's authentication.
 */
@Component
public class CibaTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	@Override
	public void customize(JwtEncodingContext context) {
		OAuth2Authorization authorization = context.getAuthorization();
		if (authorization == null || !isCibaGrant(context, authorization)) {
			return;
		}
		Instant authTime = authorization.getAttribute(CibaGrant.AUTH_TIME_ATTRIBUTE);
		if (authTime != null) {
			// Stored as a Date: the authorization store reads claims back through an
			// allow-list that refuses Long.
			context.getClaims().claim(IdTokenClaimNames.AUTH_TIME, Date.from(authTime));
		}
	}

	private static boolean isCibaGrant(JwtEncodingContext context, OAuth2Authorization authorization) {
		return CibaGrant.TYPE.equals(context.getAuthorizationGrantType())
				|| (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
						&& CibaGrant.TYPE.equals(authorization.getAuthorizationGrantType()));
	}

}
