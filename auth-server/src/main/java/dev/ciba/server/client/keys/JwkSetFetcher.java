package dev.ciba.server.client.keys;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Fetches the JWK Set a client publishes at its {@code jwks_uri}.
 */
@FunctionalInterface
public interface JwkSetFetcher {

	/**
	 * The keys at the URL.
	 * @throws JwkSetFetchException when the URL is refused or the keys cannot be fetched
	 * or read
	 */
	JWKSet fetch(String uri);

}
