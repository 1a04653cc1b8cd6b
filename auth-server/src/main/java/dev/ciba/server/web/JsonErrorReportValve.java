package dev.ciba.server.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;

/**
 * Tomcat's last-resort error report, for errors that never reach the application (a
 * malformed request line, an oversized header, an encoded slash in a path): OAuth-style
 * JSON instead of Tomcat's HTML page, with no server details.
 */
public class JsonErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus httpStatus = HttpStatus.resolve(status);
		String code = (httpStatus != null) ? JsonErrorController.errorCode(httpStatus) : "invalid_request";
		String description = (httpStatus != null) ? httpStatus.getReasonPhrase() : "Error";
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response cannot be written any more: nothing
			// left to report to.
		}
	}

}
