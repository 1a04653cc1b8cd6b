package dev.ciba.push.web;

import dev.ciba.push.DeviceApiException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Refuses a request whose {@code Content-Type} is a wildcard (such as
 * {@code *}{@code /*}) before its body is read: Spring's request wrapper throws a bare
 * {@link IllegalArgumentException} on one, which would otherwise end as a 500. Applies
 * only to the controllers of this package; runs before their arguments are resolved.
 */
@ControllerAdvice(basePackageClasses = DeviceApiContentTypeCheck.class)
public class DeviceApiContentTypeCheck {

	@ModelAttribute
	public void checkContentType(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null || contentType.isBlank()) {
			return;
		}
		boolean concrete;
		try {
			concrete = MediaType.parseMediaType(contentType).isConcrete();
		}
		catch (InvalidMediaTypeException ex) {
			concrete = false;
		}
		if (!concrete) {
			throw DeviceApiException.invalidRequest("The request body must be application/json");
		}
	}

}
