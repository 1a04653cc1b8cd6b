package dev.ciba.server.client;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ciba.server.delivery.InvalidNotificationEndpointException;
import dev.ciba.server.delivery.NotificationEndpointGuard;

/**
 * A client's keys and what they sign: {@code jwks} or {@code jwks_uri},
 * {@code backchannel_authentication_request_signing_alg}, and the hint types the client
 * may send ({@code allowed_hints}, our own). The keys serve both signed authentication
 * requests and {@code private_key_jwt}. Stored in the client settings as strings (the
 * settings store reads back nothing else safely).
 */
final class SignedRequestMetadata {

	/** Smallest accepted RSA modulus, in bits. */
	static final int MIN_RSA_BITS = 2048;

	/**
	 * Largest accepted JWK Set as stored, in characters: the client settings column (V9)
	 * holds 4000 characters with everything else, serialised with type information (about
	 * five RSA keys or ten EC keys fit, with room for the escaping of a JSON string).
	 * Certificates ({@code x5c}) are dropped before storing, so they do not count.
	 */
	static final int MAX_JWKS_LENGTH = 2600;

	private SignedRequestMetadata() {
	}

	/**
	 * Checks the metadata: keys by value or by URL (not both), each key usable, a key for
	 * every registered signing algorithm, and known hint types.
	 * @throws InvalidClientMetadataException naming the metadata at fault
	 */
	static void validate(ClientMetadata metadata, NotificationEndpointGuard guard) {
		String algorithm = metadata.requestSigningAlg();
		if (algorithm != null && !CibaClientSettings.REQUEST_SIGNING_ALGORITHMS.contains(algorithm)) {
			throw new InvalidClientMetadataException(CibaClientSettings.REQUEST_SIGNING_ALG,
					"must be one of " + CibaClientSettings.REQUEST_SIGNING_ALGORITHMS);
		}
		if (metadata.jwks() != null && metadata.jwksUri() != null) {
			throw new InvalidClientMetadataException(CibaClientSettings.JWKS, "and jwks_uri must not both be given");
		}
		if (metadata.jwks() != null) {
			JWKSet keys = publicKeys(metadata.jwks());
			checkKeys(keys);
			checkKeyFor(keys, algorithm);
			checkKeyFor(keys, metadata.clientAssertionSigningAlg());
		}
		else if (metadata.jwksUri() != null) {
			checkUri(metadata.jwksUri(), guard);
		}
		else if (algorithm != null) {
			throw new InvalidClientMetadataException(CibaClientSettings.REQUEST_SIGNING_ALG,
					"needs the client's keys in jwks or jwks_uri");
		}
		checkHints(metadata.allowedHints());
	}

	/**
	 * Puts the metadata into the client settings; the keys as a JWK Set of their public
	 * parameters only.
	 */
	static void apply(ClientMetadata metadata, Map<String, Object> settings) {
		if (metadata.jwks() != null) {
			settings.put(CibaClientSettings.JWKS, publicKeys(metadata.jwks()).toString());
		}
		if (metadata.jwksUri() != null) {
			settings.put(CibaClientSettings.JWKS_URI, metadata.jwksUri());
		}
		if (metadata.requestSigningAlg() != null) {
			settings.put(CibaClientSettings.REQUEST_SIGNING_ALG, metadata.requestSigningAlg());
		}
		if (!metadata.allowedHints().isEmpty()) {
			settings.put(CibaClientSettings.ALLOWED_HINTS, String.join(" ", metadata.allowedHints()));
		}
	}

	/**
	 * Whether a registered key may verify signatures of the algorithm: its type matches
	 * (registered EC keys are all on P-256, the curve of ES256).
	 */
	static boolean usableFor(JWK key, JWSAlgorithm algorithm) {
		return KeyType.forAlgorithm(algorithm).equals(key.getKeyType());
	}

	// The keys are kept with their public parameters, identifier, use and algorithm only:
	// certificates and private parts are dropped, so the set fits the settings column.
	private static JWKSet publicKeys(String json) {
		JWKSet keys;
		try {
			keys = JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new InvalidClientMetadataException(CibaClientSettings.JWKS, "is not a valid JWK Set");
		}
		List<JWK> stored = new ArrayList<>();
		for (JWK key : keys.getKeys()) {
			if (key.isPrivate()) {
				throw new InvalidClientMetadataException(CibaClientSettings.JWKS, "must hold public keys only");
			}
			stored.add(essentials(key));
		}
		return new JWKSet(stored);
	}

	private static JWK essentials(JWK key) {
		try {
			if (key instanceof RSAKey rsa) {
				return new RSAKey.Builder(rsa.getModulus(), rsa.getPublicExponent()).keyID(rsa.getKeyID())
					.keyUse(rsa.getKeyUse())
					.algorithm(rsa.getAlgorithm())
					.build();
			}
			if (key instanceof ECKey ec) {
				return new ECKey.Builder(ec.getCurve(), ec.getX(), ec.getY()).keyID(ec.getKeyID())
					.keyUse(ec.getKeyUse())
					.algorithm(ec.getAlgorithm())
					.build();
			}
		}
		catch (IllegalStateException ex) {
			throw new InvalidClientMetadataException(CibaClientSettings.JWKS, "is not a valid JWK Set");
		}
		return key;
	}

	private static void checkKeys(JWKSet keys) {
		if (keys.getKeys().isEmpty()) {
			throw new InvalidClientMetadataException(CibaClientSettings.JWKS, "holds no key");
		}
		if (keys.toString().length() > MAX_JWKS_LENGTH) {
			throw new InvalidClientMetadataException(CibaClientSettings.JWKS,
					"is longer than " + MAX_JWKS_LENGTH + " characters");
		}
		for (JWK key : keys.getKeys()) {
			checkKey(key);
		}
	}

	// CIBA Core §7.1.1 and RFC 7523: signatures are asymmetric; the key sizes follow the
	// device keys' rules (RSA of 2048 bits or more, EC on P-256).
	private static void checkKey(JWK key) {
		if (key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
			return;
		}
		if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
			return;
		}
		throw new InvalidClientMetadataException(CibaClientSettings.JWKS,
				"may hold only RSA keys of at least " + MIN_RSA_BITS + " bits and EC keys on P-256");
	}

	private static void checkKeyFor(JWKSet keys, String algorithm) {
		if (algorithm == null) {
			return;
		}
		JWSAlgorithm parsed = JWSAlgorithm.parse(algorithm);
		if (keys.getKeys().stream().noneMatch((key) -> usableFor(key, parsed))) {
			throw new InvalidClientMetadataException(CibaClientSettings.JWKS, "holds no key for " + algorithm);
		}
	}

	private static void checkUri(String uri, NotificationEndpointGuard guard) {
		try {
			guard.check(uri);
		}
		catch (InvalidNotificationEndpointException ex) {
			throw new InvalidClientMetadataException(CibaClientSettings.JWKS_URI, ex.getMessage());
		}
	}

	private static void checkHints(List<String> hints) {
		if (!CibaClientSettings.HINTS.containsAll(hints) || new HashSet<>(hints).size() != hints.size()) {
			throw new InvalidClientMetadataException(CibaClientSettings.ALLOWED_HINTS,
					"must list distinct values of " + CibaClientSettings.HINTS);
		}
	}

}
