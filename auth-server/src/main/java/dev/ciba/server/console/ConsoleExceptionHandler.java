package dev.ciba.server.console;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Renders the console's refusals as its error page, with their status codes and no
 * detail.
 */
@ControllerAdvice(basePackageClasses = ConsoleExceptionHandler.class)
class ConsoleExceptionHandler {

	@ExceptionHandler(ConsoleNotFoundException.class)
	ModelAndView notFound() {
		return error(HttpStatus.NOT_FOUND);
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	ModelAndView badRequest() {
		return error(HttpStatus.BAD_REQUEST);
	}

	private static ModelAndView error(HttpStatus status) {
		return new ModelAndView("console/error", Map.of("status", status.value()), status);
	}

}
