package dev.ciba.server.hint;

import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ciba.server.config.CibaProperties;

import org.springframework.stereotype.Component;

/**
 * Reads an {@code id_token_hint}: an ID token this server issued to the requesting client
 * (CIBA Core 1.0 §7.1), whose {@code sub} names the customer.
 */
@Component
class IdTokenHints {

	private static final String PARAMETER = HintType.ID_TOKEN_HINT.parameterName();

	private final ServerSignedJwts jwts;

	private final String issuer;

	IdTokenHints(ServerSignedJwts jwts, CibaProperties properties) {
		this.jwts = jwts;
		this.issuer = properties.getIssuer();
	}

	/**
	 * The subject of the ID token.
	 * @param clientId the requesting client, which must be the token's audience
	 * @throws HintException {@link HintException.Reason#INVALID} when the token is not an
	 * ID token this server issued to that client
	 */
	String subject(String clientId, String idToken) {
		SignedJWT jwt = this.jwts.verify(idToken, PARAMETER);
		JOSEObjectType type = jwt.getHeader().getType();
		if (type != null && !JOSEObjectType.JWT.getType().equalsIgnoreCase(type.getType())) {
			throw ServerSignedJwts.invalid(PARAMETER, "is not an ID token");
		}
		JWTClaimsSet claims = ServerSignedJwts.claims(jwt, PARAMETER);
		if (!this.issuer.equals(claims.getIssuer())) {
			throw ServerSignedJwts.invalid(PARAMETER, "was not issued by this server");
		}
		List<String> audience = claims.getAudience();
		if (!audience.contains(clientId) || !clientId.equals(authorizedParty(claims))) {
			throw ServerSignedJwts.invalid(PARAMETER, "was not issued to this client");
		}
		if (claims.getSubject() == null || claims.getSubject().isEmpty()) {
			throw ServerSignedJwts.invalid(PARAMETER, "has no subject");
		}
		// CIBA Core §7.1 uses the ID token only to name the end-user, so its expiry is
		// not
		// checked: an expired ID token is still a genuine statement of who the user is.
		return claims.getSubject();
	}

	// Our ID tokens always carry azp, set to the client; the access tokens signed with
	// the
	// same key never do, so an access token is not taken for an ID token.
	private static String authorizedParty(JWTClaimsSet claims) {
		Object azp = claims.getClaim("azp");
		return (azp instanceof String value) ? value : null;
	}

}
