package dev.ciba.server.ciba;

import java.util.Objects;

import com.nimbusds.jwt.SignedJWT;

/**
 * A signed backchannel authentication request (CIBA Core 1.0 §7.1.1), parsed but not yet
 * verified: nothing in it may be trusted before {@link RequestObjectVerifier} has checked
 * it.
 *
 * @param requestObject the {@code request} parameter
 * @param ipAddress the address the request came from
 */
public record SignedBackchannelRequest(SignedJWT requestObject, String ipAddress) implements ParsedBackchannelRequest {

	public SignedBackchannelRequest {
		Objects.requireNonNull(requestObject, "requestObject");
	}

	@Override
	public String toString() {
		return "SignedBackchannelRequest[alg=" + this.requestObject.getHeader().getAlgorithm() + "]";
	}

}
