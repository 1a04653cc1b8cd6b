package dev.ciba.server.delivery;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * POSTs one JSON notification to a client and reads only the status line of the answer.
 * <p>
 * Deliberately small: it connects to the address the {@link NotificationEndpointGuard}
 * checked (the JDK's HTTP clients resolve the host themselves, which would let a name
 * that resolves again elsewhere slip past the check), verifies the TLS certificate
 * against the URL's host name, never follows redirects, sends {@code Connection: close},
 * and bounds connecting and answering by timeouts.
 */
public class NotificationHttpSender {

	/** RFC 6750 §2.1: the characters of a bearer token. */
	private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] ([0-9]{3})(?: .*)?");

	private static final int MAX_LINE_LENGTH = 8192;

	private static final int MAX_INTERIM_RESPONSES = 5;

	private final CheckedAddressConnector connector;

	/**
	 * @param connectTimeout the longest wait for the connection
	 * @param readTimeout the longest wait, after connecting, for the TLS handshake and
	 * the status line of the answer
	 * @param tls the TLS sockets, with the trust store that client certificates are
	 * checked against
	 */
	public NotificationHttpSender(Duration connectTimeout, Duration readTimeout, SSLSocketFactory tls) {
		this.connector = new CheckedAddressConnector(connectTimeout, readTimeout, tls);
	}

	/**
	 * POSTs {@code json} to {@code endpoint}, connecting to {@code address}.
	 * @param endpoint the notification endpoint, already checked
	 * @param address the checked address of its host
	 * @param bearerToken the client's {@code client_notification_token}
	 * @param json the body
	 * @return the HTTP status of the answer, or the kind of failure
	 */
	public SendResult post(URI endpoint, InetAddress address, String bearerToken, String json) {
		if (!B64TOKEN.matcher(bearerToken).matches()) {
			// Checked at the backchannel endpoint; a value that could split the header
			// never goes out.
			return SendResult.failure("invalid_token_syntax");
		}
		try (Socket socket = this.connector.open(endpoint, address)) {
			long deadline = this.connector.answerDeadline();
			write(socket.getOutputStream(), request(endpoint, bearerToken, json));
			return SendResult.status(readStatus(socket, deadline));
		}
		catch (SocketTimeoutException ex) {
			return SendResult.failure("timeout");
		}
		catch (ConnectException ex) {
			return SendResult.failure("connect_failed");
		}
		catch (SSLException ex) {
			return SendResult.failure("tls_failed");
		}
		catch (IOException ex) {
			return SendResult.failure("io_error");
		}
		catch (IllegalArgumentException ex) {
			// A host name that TLS server name indication cannot carry.
			return SendResult.failure("tls_failed");
		}
	}

	private static byte[] request(URI endpoint, String bearerToken, String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		String head = "POST " + CheckedAddressConnector.requestTarget(endpoint) + " HTTP/1.1\r\n" + "Host: "
				+ endpoint.getRawAuthority() + "\r\n" + "Content-Type: application/json\r\n" + "Authorization: Bearer "
				+ bearerToken + "\r\n" + "Content-Length: " + body.length + "\r\n" + "Connection: close\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		byte[] request = new byte[headBytes.length + body.length];
		System.arraycopy(headBytes, 0, request, 0, headBytes.length);
		System.arraycopy(body, 0, request, headBytes.length, body.length);
		return request;
	}

	private static void write(OutputStream out, byte[] request) throws IOException {
		out.write(request);
		out.flush();
	}

	// Interim 1xx answers are skipped; a redirect is an answer like any other and is
	// never followed.
	private static int readStatus(Socket socket, long deadline) throws IOException {
		InputStream in = new BufferedInputStream(socket.getInputStream());
		for (int interim = 0; interim <= MAX_INTERIM_RESPONSES; interim++) {
			Matcher status = STATUS_LINE.matcher(readLine(socket, in, deadline));
			if (!status.matches()) {
				throw new IOException("The answer has no valid status line");
			}
			int code = Integer.parseInt(status.group(1));
			if (code >= 200) {
				return code;
			}
			skipHeaders(socket, in, deadline);
		}
		throw new IOException("Too many interim answers");
	}

	private static void skipHeaders(Socket socket, InputStream in, long deadline) throws IOException {
		while (!readLine(socket, in, deadline).isEmpty()) {
			// Interim headers carry nothing the delivery needs.
		}
	}

	private static String readLine(Socket socket, InputStream in, long deadline) throws IOException {
		StringBuilder line = new StringBuilder();
		while (line.length() < MAX_LINE_LENGTH) {
			long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
			if (remaining <= 0) {
				throw new SocketTimeoutException("No answer in time");
			}
			socket.setSoTimeout((int) Math.min(remaining, Integer.MAX_VALUE));
			int next = in.read();
			if (next == -1) {
				throw new IOException("The connection closed before the answer");
			}
			if (next == '\n') {
				int end = line.length();
				return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
			}
			line.append((char) next);
		}
		throw new IOException("The answer's line is too long");
	}

	/**
	 * The result of one POST.
	 *
	 * @param httpStatus the status of the answer, or {@code null} when none came
	 * @param errorCode why no answer came ({@code timeout}, {@code connect_failed},
	 * {@code tls_failed}, {@code io_error}, {@code invalid_token_syntax}), or
	 * {@code null}
	 */
	public record SendResult(Integer httpStatus, String errorCode) {

		/** Failures that another attempt cannot mend. */
		private static final Set<String> FINAL_FAILURES = Set.of("invalid_token_syntax", "endpoint_refused");

		static SendResult status(int httpStatus) {
			return new SendResult(httpStatus, null);
		}

		/**
		 * A POST that got no answer.
		 */
		public static SendResult failure(String errorCode) {
			return new SendResult(null, errorCode);
		}

		/** Whether the client answered with 2xx. */
		public boolean delivered() {
			return this.httpStatus != null && this.httpStatus / 100 == 2;
		}

		/**
		 * Whether another attempt may succeed: no answer (unless the endpoint or the
		 * token was refused), or a 5xx. Redirects and 4xx are final: a redirect is never
		 * followed, and a client error will not go away.
		 */
		public boolean retryable() {
			if (this.httpStatus == null) {
				return !FINAL_FAILURES.contains(this.errorCode);
			}
			return this.httpStatus / 100 == 5;
		}

		@Override
		public String toString() {
			return "SendResult[" + ((this.httpStatus != null) ? this.httpStatus : this.errorCode) + "]";
		}

	}

}
