package dev.ciba.server.client.keys;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.delivery.NotificationEndpointGuard;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * The public keys that may verify a client's signature (on request objects and client
 * assertions): the keys it registered by value, or those published at its
 * {@code jwks_uri}, fetched through {@link GuardedJwkSetFetcher} and cached by
 * {@link RemoteJwkSets}.
 */
@Component
public class ClientKeys {

	/** The longest wait for a connection to a client's {@code jwks_uri}. */
	public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** The longest wait, once connected, for the whole JWK Set. */
	public static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

	private final RemoteJwkSets remote;

	@Autowired
	ClientKeys(NotificationEndpointGuard guard, Clock clock) {
		this(new RemoteJwkSets(new GuardedJwkSetFetcher(guard, CONNECT_TIMEOUT, READ_TIMEOUT,
				(SSLSocketFactory) SSLSocketFactory.getDefault()), clock));
	}

	public ClientKeys(RemoteJwkSets remote) {
		this.remote = remote;
	}

	/**
	 * The client's keys that may verify a JWS with this header: keys of the type of its
	 * algorithm, meant for signatures, and with the key id the header names, if any. When
	 * no key of a {@code jwks_uri} matches, the set is fetched again (at most once per
	 * {@link RemoteJwkSets#MIN_REFETCH}), so a new key of the client is found.
	 * @throws ClientKeysException when the client registered no keys, or they cannot be
	 * read or fetched
	 */
	public List<JWK> candidates(RegisteredClient client, JWSHeader header) {
		KeyType keyType = KeyType.forAlgorithm(header.getAlgorithm());
		if (!KeyType.RSA.equals(keyType) && !KeyType.EC.equals(keyType)) {
			// Only asymmetric signatures verify with a client's public keys.
			return List.of();
		}
		JWKSelector selector = new JWKSelector(matcher(header, keyType));
		String jwks = CibaClientSettings.jwks(client);
		if (jwks != null) {
			return selector.select(parse(jwks));
		}
		String uri = CibaClientSettings.jwksUri(client);
		if (uri == null) {
			throw new ClientKeysException("The client has registered no keys");
		}
		try {
			List<JWK> found = selector.select(this.remote.get(uri));
			return found.isEmpty() ? selector.select(this.remote.refetch(uri)) : found;
		}
		catch (JwkSetFetchException ex) {
			throw new ClientKeysException("The client's keys could not be fetched: " + ex.getMessage(), ex);
		}
	}

	// Like JWKMatcher.forJWSHeader, but without matching certificate thumbprints:
	// registered keys are stored without their certificates.
	private static JWKMatcher matcher(JWSHeader header, KeyType keyType) {
		JWSAlgorithm algorithm = header.getAlgorithm();
		return new JWKMatcher.Builder().keyType(keyType)
			.keyID(header.getKeyID())
			.keyUses(KeyUse.SIGNATURE, null)
			.algorithms(algorithm, null)
			.build();
	}

	private static JWKSet parse(String jwks) {
		try {
			return JWKSet.parse(jwks);
		}
		catch (ParseException ex) {
			// Keys are checked when a client is registered, so this is a fault of the
			// stored metadata, not of the signature.
			throw new ClientKeysException("The client's registered keys cannot be read", ex);
		}
	}

}
