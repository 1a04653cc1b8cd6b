package dev.ciba.portal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders the portal's own refusals as the generic error pages, with their status codes
 * and without going through the container's error dispatch.
 */
@ControllerAdvice(basePackageClasses = PortalExceptionHandler.class)
class PortalExceptionHandler {

	@ExceptionHandler(PortalNotFoundException.class)
	ModelAndView notFound() {
		return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
	}

	@ExceptionHandler(PortalAccessDeniedException.class)
	ModelAndView accessDenied() {
		return new ModelAndView("error/403", HttpStatus.FORBIDDEN);
	}

}
