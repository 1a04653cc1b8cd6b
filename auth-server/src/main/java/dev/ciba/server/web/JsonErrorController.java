package dev.ciba.server.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers {@code /error}: OAuth-style JSON everywhere, except for portal and console
 * pages, which get their own error pages. Never a stack trace, never Spring Boot's
 * default error body.
 */
@Controller
public class JsonErrorController implements ErrorController {

	private static final String PORTAL_PREFIX = "/portal";

	private static final String CONSOLE_PREFIX = "/console";

	private final List<ErrorViewResolver> viewResolvers;

	public JsonErrorController(List<ErrorViewResolver> viewResolvers) {
		this.viewResolvers = viewResolvers;
	}

	@RequestMapping("/error")
	public ModelAndView error(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = status(request);
		if (isPage(request, CONSOLE_PREFIX)) {
			response.setStatus(status.value());
			return new ModelAndView("console/error", Map.of("status", status.value()), status);
		}
		if (isPage(request, PORTAL_PREFIX)) {
			ModelAndView view = portalView(request, status);
			if (view != null) {
				response.setStatus(status.value());
				return view;
			}
		}
		OAuthErrorResponses.write(response, status, errorCode(status), status.getReasonPhrase());
		return null;
	}

	private ModelAndView portalView(HttpServletRequest request, HttpStatus status) {
		for (ErrorViewResolver resolver : this.viewResolvers) {
			ModelAndView view = resolver.resolveErrorView(request, status, Map.of("status", status.value()));
			if (view != null) {
				return view;
			}
		}
		return null;
	}

	private static boolean isPage(HttpServletRequest request, String prefix) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return uri instanceof String path && (path.equals(prefix) || path.startsWith(prefix + "/"));
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code == null) {
			// Requested directly rather than forwarded after an error: there is no such
			// page.
			return HttpStatus.NOT_FOUND;
		}
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

	static String errorCode(HttpStatus status) {
		return switch (status) {
			case NOT_FOUND -> "not_found";
			case METHOD_NOT_ALLOWED -> "method_not_allowed";
			case UNAUTHORIZED -> "unauthorized";
			case FORBIDDEN -> "access_denied";
			case PAYLOAD_TOO_LARGE -> "request_too_large";
			case UNSUPPORTED_MEDIA_TYPE, BAD_REQUEST -> "invalid_request";
			default -> status.is5xxServerError() ? "server_error" : "invalid_request";
		};
	}

}
