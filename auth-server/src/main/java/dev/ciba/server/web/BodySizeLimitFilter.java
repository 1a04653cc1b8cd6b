package dev.ciba.server.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the request bodies of the unauthenticated device API. A declared length over the
 * limit is refused with 413 before anything is read; a body without a declared length
 * stops being readable at the limit, so that parsing fails with a 400 instead of
 * buffering whatever a caller sends.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	public BodySizeLimitFilter(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			OAuthErrorResponses.write(response, HttpStatus.PAYLOAD_TOO_LARGE, "invalid_request",
					"The request body is larger than " + this.maxBytes + " bytes");
			return;
		}
		chain.doFilter(new BoundedRequest(request, this.maxBytes), response);
	}

	private static final class BoundedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		BoundedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new BoundedInputStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

	}

	private static final class BoundedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private long remaining;

		BoundedInputStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.remaining = maxBytes;
		}

		@Override
		public int read() throws IOException {
			if (this.remaining <= 0) {
				throw new IOException("The request body is too large");
			}
			int next = this.delegate.read();
			if (next >= 0) {
				this.remaining--;
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.remaining <= 0) {
				throw new IOException("The request body is too large");
			}
			int read = this.delegate.read(buffer, offset, (int) Math.min(length, this.remaining));
			if (read > 0) {
				this.remaining -= read;
			}
			return read;
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
