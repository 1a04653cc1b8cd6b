package dev.ciba.conformance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.ciba.server.ciba.AuthReqId;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code POST /conformance/decide} with form parameters {@code auth_req_id} and
 * {@code decision} ({@code approve}, or {@code allow} as the OpenID Foundation suite says
 * it, or {@code deny}): the approval hook that an automated conformance run calls where a
 * customer would answer on the phone. Answers JSON: {@code 200 {"status": "APPROVED" |
 * "DENIED"}}, or {@code {"error", "error_description"}} with 400 (bad parameters), 404
 * (no such request), 409 (not pending any more) or 403 (customer disabled).
 * <p>
 * A functional endpoint rather than a {@code @Controller}: the server scans all of
 * {@code dev.ciba} for components, and nothing in this module may become a bean unless
 * its auto-configuration's conditions hold.
 */
public class ConformanceDecisionHandler {

	/** The hook's path. */
	public static final String PATH = "/conformance/decide";

	static final String APPROVE = "approve";

	/**
	 * The word the OpenID Foundation's suite puts into its automated approval URL for an
	 * approval.
	 */
	static final String ALLOW = "allow";

	static final String DENY = "deny";

	private final ConformanceDecisions decisions;

	public ConformanceDecisionHandler(ConformanceDecisions decisions) {
		this.decisions = decisions;
	}

	/**
	 * The route: {@code POST} only; other methods find no handler and get the server's
	 * JSON 404.
	 */
	public RouterFunction<ServerResponse> route() {
		return RouterFunctions.route().POST(PATH, this::decide).build();
	}

	ServerResponse decide(ServerRequest request) {
		Optional<String> authReqId = request.param("auth_req_id");
		Optional<String> decision = request.param("decision");
		if (authReqId.isEmpty() || authReqId.get().isEmpty() || authReqId.get().length() > AuthReqId.MAX_LENGTH) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request",
					"The auth_req_id parameter is required and has at most " + AuthReqId.MAX_LENGTH + " characters");
		}
		if (decision.isEmpty() || !(approves(decision.get()) || DENY.equals(decision.get()))) {
			return error(HttpStatus.BAD_REQUEST, "invalid_request",
					"The decision parameter must be approve, allow or deny");
		}
		return switch (this.decisions.decide(authReqId.get(), approves(decision.get()))) {
			case APPROVED -> decided("APPROVED");
			case DENIED -> decided("DENIED");
			case UNKNOWN -> error(HttpStatus.NOT_FOUND, "unknown_request",
					"No backchannel authentication request has this auth_req_id");
			case NOT_PENDING ->
				error(HttpStatus.CONFLICT, "not_pending", "The request was already answered, redeemed or expired");
			case CUSTOMER_DISABLED ->
				error(HttpStatus.FORBIDDEN, "access_denied", "The end-user's account is disabled");
		};
	}

	private static ServerResponse decided(String status) {
		return ServerResponse.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(Map.of("status", status));
	}

	private static ServerResponse error(HttpStatus status, String code, String description) {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", code);
		body.put("error_description", description);
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.cacheControl(CacheControl.noStore())
			.body(body);
	}

	private static boolean approves(String decision) {
		return APPROVE.equals(decision) || ALLOW.equals(decision);
	}

}
