package dev.ciba.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, used by one load thread at a
 * time. The load generator shares the two cores with the server it measures, so it must
 * spend as little as it can per request: no connection pool, no futures, no header
 * objects. It reads {@code Content-Length} and chunked bodies and opens a new connection
 * when the server closed the old one.
 */
final class HttpConnection implements AutoCloseable {

	private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

	private static final int READ_TIMEOUT_MILLIS = 30_000;

	private final String host;

	private final int port;

	private final String hostHeader;

	private @Nullable Socket socket;

	private @Nullable InputStream in;

	private @Nullable OutputStream out;

	HttpConnection(String host, int port) {
		this.host = host;
		this.port = port;
		this.hostHeader = host + ":" + port;
	}

	/**
	 * Sends a request and reads the whole answer. A request that fails on a reused
	 * connection (the server closed it meanwhile) is sent once more on a new one.
	 * @param method the method
	 * @param path the path and query
	 * @param headers further header lines, each {@code "Name: value"}
	 * @param contentType the body's type, or {@code null} without a body
	 * @param body the body, or {@code null}
	 * @return the answer
	 */
	Response send(String method, String path, String[] headers, @Nullable String contentType, @Nullable String body)
			throws IOException {
		byte[] request = encode(method, path, headers, contentType, body);
		boolean reused = this.socket != null;
		try {
			return exchange(request);
		}
		catch (IOException ex) {
			close();
			if (!reused) {
				throw ex;
			}
			return exchange(request);
		}
	}

	private Response exchange(byte[] request) throws IOException {
		if (this.socket == null) {
			open();
		}
		this.out.write(request);
		this.out.flush();
		Response response = readResponse(this.in);
		if (response.closeAfter()) {
			close();
		}
		return response;
	}

	private void open() throws IOException {
		Socket opened = new Socket();
		opened.setTcpNoDelay(true);
		opened.setSoTimeout(READ_TIMEOUT_MILLIS);
		opened.connect(new InetSocketAddress(this.host, this.port), CONNECT_TIMEOUT_MILLIS);
		this.socket = opened;
		this.in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
		this.out = opened.getOutputStream();
	}

	private byte[] encode(String method, String path, String[] headers, @Nullable String contentType,
			@Nullable String body) {
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null;
		StringBuilder head = new StringBuilder(256);
		head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(this.hostHeader);
		head.append("\r\nAccept: application/json\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		if (content != null) {
			head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length);
			head.append("\r\n");
		}
		head.append("\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
		if (content == null) {
			return headBytes;
		}
		byte[] all = new byte[headBytes.length + content.length];
		System.arraycopy(headBytes, 0, all, 0, headBytes.length);
		System.arraycopy(content, 0, all, headBytes.length, content.length);
		return all;
	}

	static Response readResponse(InputStream in) throws IOException {
		String statusLine = readLine(in);
		if (statusLine == null) {
			throw new IOException("the server closed the connection");
		}
		if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
			throw new IOException("not an HTTP/1.1 status line");
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		int contentLength = -1;
		boolean chunked = false;
		boolean close = statusLine.startsWith("HTTP/1.0");
		String retryAfter = null;
		for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
			int colon = line.indexOf(':');
			if (colon <= 0) {
				continue;
			}
			String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> contentLength = Integer.parseInt(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> close = value.equalsIgnoreCase("close");
				case "retry-after" -> retryAfter = value;
				default -> {
				}
			}
		}
		byte[] body;
		if (chunked) {
			body = readChunked(in);
		}
		else if (contentLength >= 0) {
			body = in.readNBytes(contentLength);
			if (body.length < contentLength) {
				throw new IOException("the body ended early");
			}
		}
		else if (status == 204 || status == 304 || status / 100 == 1) {
			body = new byte[0];
		}
		else {
			body = in.readAllBytes();
			close = true;
		}
		return new Response(status, new String(body, StandardCharsets.UTF_8), close, retryAfter);
	}

	private static byte[] readChunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String sizeLine = readLine(in);
			if (sizeLine == null) {
				throw new IOException("the chunked body ended early");
			}
			int semicolon = sizeLine.indexOf(';');
			int size = Integer.parseInt((semicolon >= 0) ? sizeLine.substring(0, semicolon).trim() : sizeLine.trim(),
					16);
			if (size == 0) {
				for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
					// trailers are not used
				}
				return body.toByteArray();
			}
			byte[] chunk = in.readNBytes(size);
			if (chunk.length < size) {
				throw new IOException("a chunk ended early");
			}
			body.write(chunk);
			readLine(in);
		}
	}

	private static @Nullable String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder(64);
		int c;
		while ((c = in.read()) != -1) {
			if (c == '\n') {
				int end = line.length();
				if (end > 0 && line.charAt(end - 1) == '\r') {
					line.setLength(end - 1);
				}
				return line.toString();
			}
			line.append((char) c);
		}
		return (line.length() == 0) ? null : line.toString();
	}

	@Override
	public void close() {
		Socket open = this.socket;
		this.socket = null;
		this.in = null;
		this.out = null;
		if (open != null) {
			try {
				open.close();
			}
			catch (IOException ex) {
				// nothing left to do with a broken connection
			}
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the status code
	 * @param body the body as UTF-8 text
	 * @param closeAfter whether the server closes the connection after it
	 * @param retryAfter the {@code Retry-After} header, if any
	 */
	record Response(int status, String body, boolean closeAfter, @Nullable String retryAfter) {

	}

}
