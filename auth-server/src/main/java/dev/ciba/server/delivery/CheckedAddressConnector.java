package dev.ciba.server.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens HTTP connections to client-supplied URLs at an address that
 * {@link NotificationEndpointGuard} checked beforehand. The JDK's HTTP clients resolve
 * host names themselves, which would let a name that resolves again, elsewhere, slip past
 * the check; connecting to the checked address closes that gap. The TLS certificate is
 * still verified against the URL's host name, and connecting and reading are bounded by
 * timeouts.
 */
public final class CheckedAddressConnector {

	private static final Pattern NUMERIC_HOST = Pattern.compile("[0-9.]+");

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final SSLSocketFactory tls;

	/**
	 * @param connectTimeout the longest wait for the connection
	 * @param readTimeout the longest wait for any one read, the TLS handshake included
	 * @param tls the TLS sockets, with the trust store that certificates are checked
	 * against
	 */
	public CheckedAddressConnector(Duration connectTimeout, Duration readTimeout, SSLSocketFactory tls) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.tls = tls;
	}

	/**
	 * Connects to {@code address} on the URL's port and, for {@code https}, completes a
	 * TLS handshake that verifies the certificate against the URL's host. Closing the
	 * returned socket closes the connection.
	 */
	public Socket open(URI uri, InetAddress address) throws IOException {
		boolean https = "https".equalsIgnoreCase(uri.getScheme());
		int port = (uri.getPort() != -1) ? uri.getPort() : (https ? 443 : 80);
		Socket plain = new Socket();
		try {
			plain.connect(new InetSocketAddress(address, port), millis(this.connectTimeout));
			plain.setSoTimeout(millis(this.readTimeout));
			return https ? handshake(plain, uri.getHost(), port) : plain;
		}
		catch (IOException | RuntimeException ex) {
			plain.close();
			throw ex;
		}
	}

	/**
	 * When an answer must be complete, counted from now: the read timeout bounds the
	 * whole answer, not each read.
	 */
	public long answerDeadline() {
		return System.nanoTime() + this.readTimeout.toNanos();
	}

	/**
	 * The request target of the URL: its raw path (or {@code /}) and query.
	 */
	public static String requestTarget(URI uri) {
		String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		return (uri.getRawQuery() != null) ? target + "?" + uri.getRawQuery() : target;
	}

	private Socket handshake(Socket plain, String host, int port) throws IOException {
		SSLSocket socket = (SSLSocket) this.tls.createSocket(plain, host, port, true);
		SSLParameters parameters = socket.getSSLParameters();
		// Checks that the certificate names the URL's host, as HTTPS clients do.
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		if (!host.startsWith("[") && !NUMERIC_HOST.matcher(host).matches()) {
			// RFC 6066 §3: server name indication carries host names, never addresses.
			parameters.setServerNames(List.of(new SNIHostName(host)));
		}
		socket.setSSLParameters(parameters);
		socket.startHandshake();
		return socket;
	}

	private static int millis(Duration timeout) {
		return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
	}

}
