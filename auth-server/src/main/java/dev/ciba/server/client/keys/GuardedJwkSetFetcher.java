package dev.ciba.server.client.keys;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.ciba.server.delivery.CheckedAddressConnector;
import dev.ciba.server.delivery.InvalidNotificationEndpointException;
import dev.ciba.server.delivery.NotificationEndpointGuard;

/**
 * Fetches a client's JWK Set with one small HTTP GET, under the rules of client
 * notification endpoints ({@link NotificationEndpointGuard}): an {@code https} URL whose
 * host resolves only to public addresses, connected to at the address that was checked,
 * with the TLS certificate verified against the URL's host name. Redirects are not
 * followed (anything but 200 fails), connecting and answering are bounded by timeouts,
 * and the body by {@link #MAX_BODY_BYTES}.
 * <p>
 * Of the keys fetched, only the public parts of RSA keys of at least 2048 bits and EC
 * keys on P-256 are kept, the keys a client may register by value.
 */
public class GuardedJwkSetFetcher implements JwkSetFetcher {

	/** The largest JWK Set body read. */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	private static final int MIN_RSA_BITS = 2048;

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([0-9]{3})(?: .*)?");

	private static final int MAX_LINE_LENGTH = 8192;

	private static final int MAX_HEADERS = 100;

	private static final int MAX_INTERIM_RESPONSES = 5;

	private final NotificationEndpointGuard guard;

	private final CheckedAddressConnector connector;

	/**
	 * @param guard the address rules
	 * @param connectTimeout the longest wait for the connection
	 * @param readTimeout the longest wait, after connecting, for the whole answer
	 * @param tls the TLS sockets, with the trust store that certificates are checked
	 * against
	 */
	public GuardedJwkSetFetcher(NotificationEndpointGuard guard, Duration connectTimeout, Duration readTimeout,
			SSLSocketFactory tls) {
		this.guard = guard;
		this.connector = new CheckedAddressConnector(connectTimeout, readTimeout, tls);
	}

	@Override
	public JWKSet fetch(String uri) {
		InetAddress address;
		try {
			address = this.guard.resolve(uri);
		}
		catch (InvalidNotificationEndpointException ex) {
			throw new JwkSetFetchException("The jwks_uri " + ex.getMessage());
		}
		catch (UnknownHostException ex) {
			throw new JwkSetFetchException("The jwks_uri's host does not resolve");
		}
		return usableKeys(parse(get(URI.create(uri), address)));
	}

	private byte[] get(URI uri, InetAddress address) {
		try (Socket socket = this.connector.open(uri, address)) {
			long deadline = this.connector.answerDeadline();
			OutputStream out = socket.getOutputStream();
			out.write(request(uri));
			out.flush();
			return new Answer(socket, deadline).body();
		}
		catch (SocketTimeoutException ex) {
			throw new JwkSetFetchException("Fetching the jwks_uri timed out");
		}
		catch (ConnectException ex) {
			throw new JwkSetFetchException("The jwks_uri refused the connection");
		}
		catch (SSLException ex) {
			throw new JwkSetFetchException("TLS with the jwks_uri failed");
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new JwkSetFetchException("Fetching the jwks_uri failed: " + ex.getMessage());
		}
	}

	private static byte[] request(URI uri) {
		return ("GET " + CheckedAddressConnector.requestTarget(uri) + " HTTP/1.1\r\n" + "Host: " + uri.getRawAuthority()
				+ "\r\n" + "Accept: application/jwk-set+json, application/json\r\n" + "Connection: close\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static JWKSet parse(byte[] body) {
		try {
			return JWKSet.parse(new String(body, StandardCharsets.UTF_8));
		}
		catch (ParseException ex) {
			throw new JwkSetFetchException("The jwks_uri did not answer with a JWK Set");
		}
	}

	private static JWKSet usableKeys(JWKSet keys) {
		List<JWK> usable = new ArrayList<>();
		for (JWK key : keys.getKeys()) {
			boolean rsa = key instanceof RSAKey rsaKey && rsaKey.size() >= MIN_RSA_BITS;
			boolean ec = key instanceof ECKey ecKey && Curve.P_256.equals(ecKey.getCurve());
			if (rsa || ec) {
				usable.add(key.toPublicJWK());
			}
		}
		return new JWKSet(usable);
	}

	/**
	 * Reads one HTTP/1.1 answer before a deadline: the status line (skipping interim
	 * answers), the headers, and a body framed by chunks, by its length, or by the end of
	 * the connection.
	 */
	private static final class Answer {

		private final Socket socket;

		private final InputStream in;

		private final long deadline;

		Answer(Socket socket, long deadline) throws IOException {
			this.socket = socket;
			this.in = new BufferedInputStream(socket.getInputStream());
			this.deadline = deadline;
		}

		byte[] body() throws IOException {
			int status = status();
			String transferEncoding = null;
			String contentLength = null;
			for (String header : headers()) {
				int colon = header.indexOf(':');
				String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
				String value = header.substring(colon + 1).trim();
				if (name.equals("transfer-encoding")) {
					transferEncoding = value.toLowerCase(Locale.ROOT);
				}
				else if (name.equals("content-length")) {
					if (contentLength != null && !contentLength.equals(value)) {
						throw new IOException("the answer has conflicting lengths");
					}
					contentLength = value;
				}
			}
			if (status != 200) {
				throw new IOException("the answer's status is " + status);
			}
			if (transferEncoding != null) {
				if (!transferEncoding.equals("chunked") || contentLength != null) {
					throw new IOException("the answer's framing is not supported");
				}
				return chunked();
			}
			return (contentLength != null) ? fixed(contentLength) : untilClosed();
		}

		// Interim 1xx answers are skipped; a redirect is an answer like any
		// other and is never followed.
		private int status() throws IOException {
			for (int interim = 0; interim <= MAX_INTERIM_RESPONSES; interim++) {
				Matcher status = STATUS_LINE.matcher(line());
				if (!status.matches()) {
					throw new IOException("the answer has no valid status line");
				}
				int code = Integer.parseInt(status.group(1));
				if (code >= 200) {
					return code;
				}
				headers();
			}
			throw new IOException("too many interim answers");
		}

		private List<String> headers() throws IOException {
			List<String> headers = new ArrayList<>();
			for (String line = line(); !line.isEmpty(); line = line()) {
				if (headers.size() == MAX_HEADERS || line.indexOf(':') <= 0) {
					throw new IOException("the answer's headers are malformed");
				}
				headers.add(line);
			}
			return headers;
		}

		private byte[] chunked() throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			while (true) {
				String sizeLine = line();
				int extension = sizeLine.indexOf(';');
				String hex = ((extension >= 0) ? sizeLine.substring(0, extension) : sizeLine).trim();
				long size;
				try {
					size = Long.parseLong(hex, 16);
				}
				catch (NumberFormatException ex) {
					throw new IOException("the answer has a malformed chunk");
				}
				if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
					throw new IOException("the answer is larger than " + MAX_BODY_BYTES + " bytes");
				}
				if (size == 0) {
					return body.toByteArray();
				}
				body.write(exactly((int) size));
				if (!line().isEmpty()) {
					throw new IOException("the answer has a malformed chunk");
				}
			}
		}

		private byte[] fixed(String contentLength) throws IOException {
			long length;
			try {
				length = Long.parseLong(contentLength);
			}
			catch (NumberFormatException ex) {
				throw new IOException("the answer has a malformed length");
			}
			if (length < 0 || length > MAX_BODY_BYTES) {
				throw new IOException("the answer is larger than " + MAX_BODY_BYTES + " bytes");
			}
			return exactly((int) length);
		}

		private byte[] untilClosed() throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			byte[] buffer = new byte[4096];
			for (int read = read(buffer, buffer.length); read != -1; read = read(buffer, buffer.length)) {
				body.write(buffer, 0, read);
				if (body.size() > MAX_BODY_BYTES) {
					throw new IOException("the answer is larger than " + MAX_BODY_BYTES + " bytes");
				}
			}
			return body.toByteArray();
		}

		private byte[] exactly(int length) throws IOException {
			byte[] bytes = new byte[length];
			int done = 0;
			while (done < length) {
				int read = read(bytes, done, length - done);
				if (read == -1) {
					throw new IOException("the connection closed before the end of the answer");
				}
				done += read;
			}
			return bytes;
		}

		private String line() throws IOException {
			StringBuilder line = new StringBuilder();
			byte[] next = new byte[1];
			while (line.length() < MAX_LINE_LENGTH) {
				if (read(next, 1) == -1) {
					throw new IOException("the connection closed before the end of the answer");
				}
				if (next[0] == '\n') {
					int end = line.length();
					return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
				}
				line.append((char) (next[0] & 0xff));
			}
			throw new IOException("a line of the answer is too long");
		}

		private int read(byte[] buffer, int length) throws IOException {
			return read(buffer, 0, length);
		}

		private int read(byte[] buffer, int offset, int length) throws IOException {
			long remaining = Duration.ofNanos(this.deadline - System.nanoTime()).toMillis();
			if (remaining <= 0) {
				throw new SocketTimeoutException("no complete answer in time");
			}
			this.socket.setSoTimeout((int) Math.min(remaining, Integer.MAX_VALUE));
			return this.in.read(buffer, offset, length);
		}

	}

}
