package dev.ciba.push;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A refusal of the device API: answered as {@code {"error", "error_description"}} with
 * its status. The description names what is wrong and never echoes a value.
 */
public class DeviceApiException extends RuntimeException {

	private final HttpStatus status;

	private final String error;

	private final Map<String, String> headers;

	public DeviceApiException(HttpStatus status, String error, String description) {
		this(status, error, description, Map.of());
	}

	public DeviceApiException(HttpStatus status, String error, String description, Map<String, String> headers) {
		super(description);
		this.status = status;
		this.error = error;
		this.headers = Map.copyOf(headers);
	}

	public static DeviceApiException invalidRequest(String description) {
		return new DeviceApiException(HttpStatus.BAD_REQUEST, DeviceApiErrors.INVALID_REQUEST, description);
	}

	public static DeviceApiException accessDenied(String description) {
		return new DeviceApiException(HttpStatus.FORBIDDEN, DeviceApiErrors.ACCESS_DENIED, description);
	}

	/**
	 * A 429 of an abuse limit, with {@code Retry-After} in whole seconds.
	 */
	public static DeviceApiException tooManyRequests(String description, Duration retryAfter) {
		return new DeviceApiException(HttpStatus.TOO_MANY_REQUESTS, DeviceApiErrors.TOO_MANY_REQUESTS, description,
				Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds())));
	}

	public HttpStatus status() {
		return this.status;
	}

	public String error() {
		return this.error;
	}

	public String description() {
		return getMessage();
	}

	/**
	 * Response headers that belong to the refusal, for example {@code WWW-Authenticate}.
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

}
