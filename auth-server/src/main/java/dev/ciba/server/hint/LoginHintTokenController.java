package dev.ciba.server.hint;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.ciba.server.customer.Customer;
import dev.ciba.server.customer.CustomerRepository;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /portal/login-hint-token}: mints a {@code login_hint_token} for the
 * customer logged in to the portal (session and CSRF token as for every portal form).
 * Answers {@code {"login_hint_token", "expires_in"}}.
 */
@RestController
class LoginHintTokenController {

	static final String PATH = "/portal/login-hint-token";

	private final LoginHintTokens tokens;

	private final CustomerRepository customers;

	LoginHintTokenController(LoginHintTokens tokens, CustomerRepository customers) {
		this.tokens = tokens;
		this.customers = customers;
	}

	@PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> issue(Principal principal) {
		Optional<Customer> customer = Optional.ofNullable(principal)
			.flatMap((current) -> this.customers.findById(current.getName()))
			.filter(Customer::enabled);
		if (customer.isEmpty()) {
			// A session whose customer was disabled or removed since login gets nothing.
			return ResponseEntity.status(HttpStatus.FORBIDDEN)
				.cacheControl(CacheControl.noStore())
				.body(Map.of("error", "access_denied", "error_description", "The customer may not use the portal"));
		}
		LoginHintTokens.Issued issued = this.tokens.issue(customer.get().id());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("login_hint_token", issued.value());
		body.put("expires_in", issued.expiresIn().toSeconds());
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

}
