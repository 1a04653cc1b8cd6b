package dev.ciba.server.ciba;

/**
 * What {@link BackchannelAuthenticationRequestConverter} read from the form: either the
 * parameters of an unsigned request, or a signed request object (CIBA Core 1.0 §7.1.1)
 * whose parameters are read only once it is verified.
 */
public sealed interface ParsedBackchannelRequest permits BackchannelAuthenticationRequest, SignedBackchannelRequest {

	/**
	 * The address the request came from.
	 */
	String ipAddress();

}
