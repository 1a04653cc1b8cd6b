package dev.ciba.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket to 127.0.0.1, one request per connection: sends exactly
 * the bytes it is given (invalid UTF-8, repeated headers, broken framing), which
 * {@code java.net.http} refuses to do.
 */
final class RawHttp {

	private static final int TIMEOUT_MILLIS = 15_000;

	private final int port;

	RawHttp(int port) {
		this.port = port;
	}

	/**
	 * Sends a request and reads the answer until the server closes the connection.
	 * @param request the request as it should be sent
	 * @return the answer, or empty when the server closed the connection without one
	 */
	Optional<Response> send(Request request) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write(request.head(this.port));
			out.write(request.body());
			out.flush();
			if (request.closeAfterSending()) {
				socket.shutdownOutput();
			}
			return Response.parse(socket.getInputStream().readAllBytes());
		}
		catch (SocketTimeoutException ex) {
			throw new IllegalStateException("No answer within " + TIMEOUT_MILLIS + " ms", ex);
		}
		catch (IOException ex) {
			// A reset after the server refused a request (for example one it would not
			// read to
			// its end) is an answer of its own: nothing was accepted.
			return Optional.empty();
		}
	}

	/**
	 * A request line, headers in order (repeats allowed) and a body of raw bytes.
	 * {@code Host} and {@code Connection: close} are added unless a header of that name
	 * is given; {@code Content-Length} is added unless {@code Content-Length} or
	 * {@code Transfer-Encoding} is given.
	 */
	record Request(String method, String target, List<Map.Entry<String, String>> headers, byte[] body,
			boolean closeAfterSending) {

		static Request of(String method, String target) {
			return new Request(method, target, List.of(), new byte[0], false);
		}

		Request header(String name, String value) {
			List<Map.Entry<String, String>> more = new ArrayList<>(this.headers);
			more.add(Map.entry(name, value));
			return new Request(this.method, this.target, more, this.body, this.closeAfterSending);
		}

		Request withoutHeader(String name) {
			List<Map.Entry<String, String>> fewer = new ArrayList<>(this.headers);
			fewer.removeIf((header) -> header.getKey().equalsIgnoreCase(name));
			return new Request(this.method, this.target, fewer, this.body, this.closeAfterSending);
		}

		Request replaceHeader(String name, String value) {
			return withoutHeader(name).header(name, value);
		}

		Optional<String> headerValue(String name) {
			return this.headers.stream()
				.filter((header) -> header.getKey().equalsIgnoreCase(name))
				.map(Map.Entry::getValue)
				.findFirst();
		}

		Request body(byte[] bytes) {
			return new Request(this.method, this.target, this.headers, bytes, this.closeAfterSending);
		}

		Request body(String text) {
			return body(text.getBytes(StandardCharsets.UTF_8));
		}

		Request target(String newTarget) {
			return new Request(this.method, newTarget, this.headers, this.body, this.closeAfterSending);
		}

		Request closingAfterSending() {
			return new Request(this.method, this.target, this.headers, this.body, true);
		}

		String bodyText() {
			return new String(this.body, StandardCharsets.ISO_8859_1);
		}

		byte[] head(int port) {
			StringBuilder head = new StringBuilder(this.method).append(' ').append(this.target).append(" HTTP/1.1\r\n");
			if (headerValue("Host").isEmpty()) {
				head.append("Host: 127.0.0.1:").append(port).append("\r\n");
			}
			if (headerValue("Connection").isEmpty()) {
				head.append("Connection: close\r\n");
			}
			if (headerValue("Content-Length").isEmpty() && headerValue("Transfer-Encoding").isEmpty()) {
				head.append("Content-Length: ").append(this.body.length).append("\r\n");
			}
			this.headers.forEach(
					(header) -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
			head.append("\r\n");
			return head.toString().getBytes(StandardCharsets.ISO_8859_1);
		}

		@Override
		public String toString() {
			String text = bodyText();
			String shown = (text.length() > 300) ? text.substring(0, 300) + "... (" + text.length() + " bytes)" : text;
			return this.method + " " + abbreviate(this.target) + " "
					+ this.headers.stream()
						.map((header) -> header.getKey() + ": " + abbreviate(header.getValue()))
						.toList()
					+ " " + shown.replaceAll("[\\x00-\\x1f\\x7f-\\xff]", "?");
		}

		private static String abbreviate(String text) {
			return (text.length() > 200) ? text.substring(0, 200) + "... (" + text.length() + " chars)" : text;
		}

	}

	/**
	 * A status, headers (names in lower case, the last value of a name) and the body
	 * decoded as UTF-8.
	 */
	record Response(int status, Map<String, String> headers, List<String> setCookies, String body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		static Optional<Response> parse(byte[] raw) throws IOException {
			int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			if (raw.length == 0 || end < 0) {
				return Optional.empty();
			}
			String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			List<String> cookies = new ArrayList<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
				String value = lines[i].substring(colon + 1).trim();
				headers.put(name, value);
				if (name.equals("set-cookie")) {
					cookies.add(value);
				}
			}
			byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = dechunk(new java.io.ByteArrayInputStream(body));
			}
			return Optional.of(new Response(status, headers, cookies, new String(body, StandardCharsets.UTF_8)));
		}

		private static byte[] dechunk(InputStream in) throws IOException {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			while (true) {
				String sizeLine = readLine(in);
				int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
				if (size == 0) {
					return out.toByteArray();
				}
				out.write(in.readNBytes(size));
				readLine(in);
			}
		}

		private static String readLine(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			int c;
			while ((c = in.read()) != -1 && c != '\n') {
				if (c != '\r') {
					line.append((char) c);
				}
			}
			return line.toString();
		}

		private static int indexOf(byte[] haystack, byte[] needle) {
			for (int i = 0; i + needle.length <= haystack.length; i++) {
				int j = 0;
				while (j < needle.length && haystack[i + j] == needle[j]) {
					j++;
				}
				if (j == needle.length) {
					return i;
				}
			}
			return -1;
		}

	}

}
