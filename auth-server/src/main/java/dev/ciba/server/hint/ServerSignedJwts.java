package dev.ciba.server.hint;

import java.text.ParseException;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

/**
 * JWTs this server signs with its token signing key and later reads back as hints. The
 * algorithm is pinned to RS256, the type of the server's key, and only the server's own
 * keys verify.
 */
@Component
class ServerSignedJwts {

	private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;

	private final JWKSource<SecurityContext> keys;

	ServerSignedJwts(JWKSource<SecurityContext> keys) {
		this.keys = keys;
	}

	/**
	 * Signs the claims with the server's key.
	 */
	String sign(JOSEObjectType type, JWTClaimsSet claims) {
		RSAKey key = signingKey();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).type(type).keyID(key.getKeyID()).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign with the server's key", ex);
		}
		return jwt.serialize();
	}

	/**
	 * Parses the token and verifies its signature with the server's keys.
	 * @param parameter the parameter that carried the token, named in errors
	 * @throws HintException {@link HintException.Reason#INVALID} when the token is
	 * malformed, not signed with RS256, or not signed by this server
	 */
	SignedJWT verify(String token, String parameter) {
		SignedJWT jwt = parse(token, parameter);
		JWSHeader header = jwt.getHeader();
		if (!ALGORITHM.equals(header.getAlgorithm()) || header.getKeyID() == null) {
			throw invalid(parameter, "is not signed by this server");
		}
		for (JWK key : verificationKeys(header.getKeyID())) {
			if (verifies(jwt, key)) {
				return jwt;
			}
		}
		throw invalid(parameter, "is not signed by this server");
	}

	/**
	 * The claims of a verified token.
	 */
	static JWTClaimsSet claims(SignedJWT jwt, String parameter) {
		try {
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw invalid(parameter, "has malformed claims");
		}
	}

	private static SignedJWT parse(String token, String parameter) {
		try {
			return SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			throw invalid(parameter, "is not a signed JWT");
		}
	}

	private RSAKey signingKey() {
		List<JWK> found = select(new JWKMatcher.Builder().keyType(KeyType.RSA).privateOnly(true).build());
		if (found.isEmpty()) {
			throw new IllegalStateException("The server has no RSA signing key");
		}
		return found.get(0).toRSAKey();
	}

	private List<JWK> verificationKeys(String keyId) {
		return select(new JWKMatcher.Builder().keyType(KeyType.RSA).keyID(keyId).build());
	}

	private List<JWK> select(JWKMatcher matcher) {
		try {
			return this.keys.get(new JWKSelector(matcher), null);
		}
		catch (KeySourceException ex) {
			throw new IllegalStateException("Could not read the server's signing keys", ex);
		}
	}

	private static boolean verifies(SignedJWT jwt, JWK key) {
		try {
			return jwt.verify(new RSASSAVerifier(key.toRSAKey().toRSAPublicKey()));
		}
		catch (JOSEException ex) {
			// A key that cannot check this signature does not verify it.
			return false;
		}
	}

	static HintException invalid(String parameter, String problem) {
		return new HintException(HintException.Reason.INVALID, "The " + parameter + " " + problem);
	}

}
