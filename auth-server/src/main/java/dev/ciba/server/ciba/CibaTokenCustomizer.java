package dev.ciba.server.ciba;

import java.time.Instant;
import java.util.Date;

import dev.ciba.server.client.CibaClientSettings;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * Adds {@code auth_time} (when the customer approved on the phone) to the access and ID
 * tokens of the CIBA grant, and of refreshes of it. OpenID Connect Core §2 makes
 * {@code auth_time} the time of the end-user's authentication.
 * <p>
 * Access tokens of a request with {@code authorization_details} (RFC 9396) carry them as
 * the claim of the same name (RFC 9396 §9.1), also after a refresh.
 * <p>
 * Every ID token of the CIBA grant, and of refreshes of it, carries {@code acr}
 * {@value AuthenticationContexts#DEVICE_KEY}, the one authentication context the server
 * performs.
 * <p>
 * ID tokens pushed to push clients also carry the bindings of CIBA Core §10.3.1:
 * {@code urn:openid:params:jwt:claim:auth_req_id}, {@code at_hash} and, with a refresh
 * token, {@code urn:openid:params:jwt:claim:rt_hash}. Poll and ping clients get none of
 * them: they are optional there, and omitting them is what conformance suites expect.
 */
@Component
public class CibaTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** The ID token claim naming the {@code auth_req_id} (CIBA Core §10.3.1). */
	public static final String AUTH_REQ_ID_CLAIM = "urn:openid:params:jwt:claim:auth_req_id";

	/** The ID token claim holding the refresh token's hash (CIBA Core §10.3.1). */
	public static final String RT_HASH_CLAIM = "urn:openid:params:jwt:claim:rt_hash";

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
		String authorizationDetails = authorization.getAttribute(CibaGrant.AUTHORIZATION_DETAILS_ATTRIBUTE);
		if (authorizationDetails != null && OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			// RFC 9396 §9.1: a JWT access token carries the granted authorization
			// details,
			// so that resource servers see what exactly the customer approved.
			context.getClaims()
				.claim(CibaGrant.AUTHORIZATION_DETAILS, AuthorizationDetailsJson.values(authorizationDetails));
		}
		if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			// OpenID Connect Core §3.1.2.1 and §2: acr_values are a voluntary
			// request, and acr names what was performed. Approval with the device
			// key is the only authentication there is, so it is named whatever the
			// client asked for: a request for it is met, one for anything else
			// could not be.
			context.getClaims().claim(IdTokenClaimNames.ACR, AuthenticationContexts.DEVICE_KEY);
		}
		if (isPushedIdToken(context)) {
			addPushBindings(context, authorization);
		}
	}

	private static boolean isCibaGrant(JwtEncodingContext context, OAuth2Authorization authorization) {
		return CibaGrant.TYPE.equals(context.getAuthorizationGrantType())
				|| (AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())
						&& CibaGrant.TYPE.equals(authorization.getAuthorizationGrantType()));
	}

	private static boolean isPushedIdToken(JwtEncodingContext context) {
		return CibaGrant.TYPE.equals(context.getAuthorizationGrantType())
				&& OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())
				&& CibaClientSettings.PUSH.equals(CibaClientSettings.deliveryMode(context.getRegisteredClient()))
				&& context.getAuthorizationGrant() instanceof CibaGrantAuthenticationToken;
	}

	// CIBA Core §10.3.1: the hashes use the hash function of the ID token's own alg. The
	// access and refresh tokens were generated before the ID token, so the authorization
	// in the context already holds them.
	private static void addPushBindings(JwtEncodingContext context, OAuth2Authorization authorization) {
		CibaGrantAuthenticationToken grant = context.getAuthorizationGrant();
		String alg = context.getJwsHeader().build().getAlgorithm().getName();
		context.getClaims().claim(AUTH_REQ_ID_CLAIM, grant.getAuthReqId().value());
		OAuth2Authorization.Token<?> accessToken = authorization.getAccessToken();
		if (accessToken == null) {
			throw new IllegalStateException("The access token must be generated before the ID token");
		}
		context.getClaims()
			.claim(IdTokenClaimNames.AT_HASH, TokenHashes.leftHalfHash(alg, accessToken.getToken().getTokenValue()));
		OAuth2Authorization.Token<OAuth2RefreshToken> refreshToken = authorization.getRefreshToken();
		if (refreshToken != null) {
			context.getClaims()
				.claim(RT_HASH_CLAIM, TokenHashes.leftHalfHash(alg, refreshToken.getToken().getTokenValue()));
		}
	}

}
