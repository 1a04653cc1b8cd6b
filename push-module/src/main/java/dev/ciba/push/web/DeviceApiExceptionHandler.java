package dev.ciba.push.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ciba.push.DeviceApiErrors;
import dev.ciba.push.DeviceApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error of the device API as {@code {"error", "error_description"}} JSON, never an
 * HTML page or a 500 for bad input. Applies only to the controllers of this package.
 * Descriptions name the parameter, never its value.
 */
@RestControllerAdvice(basePackageClasses = DeviceApiExceptionHandler.class)
public class DeviceApiExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(DeviceApiExceptionHandler.class);

	@ExceptionHandler(DeviceApiException.class)
	public ResponseEntity<Map<String, String>> refused(DeviceApiException ex) {
		HttpHeaders headers = new HttpHeaders();
		ex.headers().forEach(headers::set);
		return body(ex.status(), ex.error(), ex.description(), headers);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	public ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException ex) {
		return invalidRequest("The request body is missing or is not JSON of the expected shape");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	public ResponseEntity<Map<String, String>> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
		return invalidRequest("The request body must be application/json");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	public ResponseEntity<Map<String, String>> methodNotSupported(HttpRequestMethodNotSupportedException ex) {
		HttpHeaders headers = new HttpHeaders();
		if (ex.getSupportedHttpMethods() != null) {
			headers.setAllow(ex.getSupportedHttpMethods());
		}
		return body(HttpStatus.METHOD_NOT_ALLOWED, DeviceApiErrors.METHOD_NOT_ALLOWED,
				"The method is not supported on this path", headers);
	}

	@ExceptionHandler(MissingRequestHeaderException.class)
	public ResponseEntity<Map<String, String>> missingHeader(MissingRequestHeaderException ex) {
		return invalidRequest("The header " + ex.getHeaderName() + " is missing");
	}

	@ExceptionHandler(ServletRequestBindingException.class)
	public ResponseEntity<Map<String, String>> binding(ServletRequestBindingException ex) {
		return invalidRequest("The request is missing a required part");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	public ResponseEntity<Map<String, String>> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return invalidRequest("The parameter " + ex.getName() + " is malformed");
	}

	/**
	 * A fault of the server, not of the request: logged with its cause, answered without
	 * details.
	 */
	@ExceptionHandler(RuntimeException.class)
	public ResponseEntity<Map<String, String>> serverError(RuntimeException ex) {
		logger.error("The device API failed", ex);
		return body(HttpStatus.INTERNAL_SERVER_ERROR, DeviceApiErrors.SERVER_ERROR,
				"The server could not process the request", new HttpHeaders());
	}

	private static ResponseEntity<Map<String, String>> invalidRequest(String description) {
		return body(HttpStatus.BAD_REQUEST, DeviceApiErrors.INVALID_REQUEST, description, new HttpHeaders());
	}

	private static ResponseEntity<Map<String, String>> body(HttpStatus status, String error, String description,
			HttpHeaders headers) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", error);
		body.put("error_description", description);
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(body);
	}

}
