package dev.ciba.server.client;

import java.text.ParseException;
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
import dev.ciba.server.config.CibaProperties.SeedClient;

/**
 * The metadata of a seeded client for signed authentication requests and hints:
 * {@code jwks}, {@code jwks-uri}, {@code backchannel-authentication-request-signing-alg}
 * and {@code allowed-hints}. Checked at start-up, stored in the client settings as
 * strings (the settings store reads back nothing else safely).
 */
final class SignedRequestMetadata {

	/** Smallest accepted RSA modulus, in bits. */
	static final int MIN_RSA_BITS = 2048;

	/**
	 * Largest accepted JWK Set, in characters: the client settings column (V9) holds 4000
	 * characters with everything else, serialised with type information (about five RSA
	 * keys or ten EC keys fit, with room for the escaping of a JSON string).
	 */
	static final int MAX_JWKS_LENGTH = 2600;

	private SignedRequestMetadata() {
	}

	/**
	 * Checks the metadata.
	 * @param name the client's property prefix, for messages
	 * @throws IllegalStateException naming the property at fault
	 */
	static void validate(String name, SeedClient seed) {
		if (seed.getJwksUri() != null && !seed.getJwksUri().isBlank()) {
			// Fetching a client's keys from a URL needs a guard against internal
			// addresses and a bounded cache; neither exists yet, so keys go by value.
			throw new IllegalStateException(
					name + ".jwks-uri is not supported yet; register the public keys by value with jwks");
		}
		String algorithm = seed.getBackchannelAuthenticationRequestSigningAlg();
		if (algorithm != null && !CibaClientSettings.REQUEST_SIGNING_ALGORITHMS.contains(algorithm)) {
			throw new IllegalStateException(name + ".backchannel-authentication-request-signing-alg must be one of "
					+ CibaClientSettings.REQUEST_SIGNING_ALGORITHMS);
		}
		if (seed.getJwks() != null) {
			checkKeys(name, publicKeys(name, seed.getJwks()), algorithm);
		}
		else if (algorithm != null) {
			throw new IllegalStateException(
					name + ".backchannel-authentication-request-signing-alg needs the client's keys in jwks");
		}
		checkHints(name, seed.getAllowedHints());
	}

	/**
	 * Puts the metadata into the client settings.
	 */
	static void apply(SeedClient seed, Map<String, Object> settings) {
		if (seed.getJwks() != null) {
			settings.put(CibaClientSettings.JWKS, publicKeys("", seed.getJwks()).toString());
		}
		if (seed.getBackchannelAuthenticationRequestSigningAlg() != null) {
			settings.put(CibaClientSettings.REQUEST_SIGNING_ALG, seed.getBackchannelAuthenticationRequestSigningAlg());
		}
		if (!seed.getAllowedHints().isEmpty()) {
			settings.put(CibaClientSettings.ALLOWED_HINTS, String.join(" ", seed.getAllowedHints()));
		}
	}

	private static JWKSet publicKeys(String name, String json) {
		JWKSet keys;
		try {
			keys = JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(name + ".jwks is not a valid JWK Set", ex);
		}
		for (JWK key : keys.getKeys()) {
			if (key.isPrivate()) {
				throw new IllegalStateException(name + ".jwks must hold public keys only");
			}
		}
		return keys;
	}

	private static void checkKeys(String name, JWKSet keys, String algorithm) {
		if (keys.getKeys().isEmpty()) {
			throw new IllegalStateException(name + ".jwks holds no key");
		}
		if (keys.toString().length() > MAX_JWKS_LENGTH) {
			throw new IllegalStateException(name + ".jwks is longer than " + MAX_JWKS_LENGTH + " characters");
		}
		boolean usable = false;
		for (JWK key : keys.getKeys()) {
			checkKey(name, key);
			usable |= (algorithm == null)
					|| KeyType.forAlgorithm(JWSAlgorithm.parse(algorithm)).equals(key.getKeyType());
		}
		if (!usable) {
			throw new IllegalStateException(name + ".jwks holds no key for " + algorithm);
		}
	}

	// CIBA Core §7.1.1: request objects are signed asymmetrically; the key sizes follow
	// the device keys' rules (RSA of 2048 bits or more, EC on P-256).
	private static void checkKey(String name, JWK key) {
		if (key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
			return;
		}
		if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
			return;
		}
		throw new IllegalStateException(
				name + ".jwks may hold only RSA keys of at least " + MIN_RSA_BITS + " bits and EC keys on P-256");
	}

	private static void checkHints(String name, List<String> hints) {
		if (!CibaClientSettings.HINTS.containsAll(hints) || new HashSet<>(hints).size() != hints.size()) {
			throw new IllegalStateException(
					name + ".allowed-hints must list distinct values of " + CibaClientSettings.HINTS);
		}
	}

}
