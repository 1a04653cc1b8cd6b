package dev.ciba.server.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to its addresses; the system resolver in production, a fixed table
 * in tests.
 */
@FunctionalInterface
public interface HostResolver {

	/** The system's resolver. */
	HostResolver SYSTEM = InetAddress::getAllByName;

	/**
	 * The addresses of a host name.
	 * @throws UnknownHostException when the name does not resolve
	 */
	InetAddress[] resolve(String host) throws UnknownHostException;

}
