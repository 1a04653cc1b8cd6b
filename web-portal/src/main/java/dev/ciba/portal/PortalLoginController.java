package dev.ciba.portal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page and the portal's entry point. The login form posts to the server's
 * form-login filter, which also shows the error and logged-out messages through
 * {@code ?error} and {@code ?logout}.
 */
@Controller
class PortalLoginController {

	@GetMapping("/portal/login")
	String login() {
		return "portal/login";
	}

	@GetMapping({ "/portal", "/portal/" })
	String home() {
		return "redirect:/portal/devices";
	}

}
