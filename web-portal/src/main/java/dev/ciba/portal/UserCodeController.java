package dev.ciba.portal;

import dev.ciba.push.api.CustomerDirectory.CustomerRef;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's user code: whether one is set, and a form to set or change it. The code
 * is never shown, not even back in a form that failed.
 */
@Controller
class UserCodeController {

	static final String PATH = "/portal/user-code";

	static final String SAVED_FLASH = "userCodeSaved";

	/** The model attribute naming what was wrong with the form, one of the constants. */
	static final String ERROR = "error";

	static final String TOO_SHORT = "tooShort";

	static final String TOO_LONG = "tooLong";

	static final String FORBIDDEN_CHARACTER = "forbiddenCharacter";

	static final String MISMATCH = "mismatch";

	private static final String VIEW = "portal/user-code";

	private final UserCodes userCodes;

	UserCodeController(UserCodes userCodes) {
		this.userCodes = userCodes;
	}

	@GetMapping(PATH)
	String show(@CurrentCustomer CustomerRef customer, Model model) {
		model.addAttribute("hasUserCode", this.userCodes.hasUserCode(customer.id()));
		model.addAttribute("minLength", UserCodeRule.MIN_LENGTH);
		model.addAttribute("maxLength", UserCodeRule.MAX_LENGTH);
		return VIEW;
	}

	@PostMapping(PATH)
	String save(@CurrentCustomer CustomerRef customer, @RequestParam(defaultValue = "") String newCode,
			@RequestParam(defaultValue = "") String confirmation, Model model, RedirectAttributes redirectAttributes) {
		String error = problem(newCode, confirmation);
		if (error != null) {
			model.addAttribute(ERROR, error);
			return show(customer, model);
		}
		this.userCodes.set(customer.id(), newCode);
		redirectAttributes.addFlashAttribute(SAVED_FLASH, true);
		return "redirect:" + PATH;
	}

	private static String problem(String newCode, String confirmation) {
		return switch (UserCodeRule.check(newCode)) {
			case TOO_SHORT -> TOO_SHORT;
			case TOO_LONG -> TOO_LONG;
			case FORBIDDEN_CHARACTER -> FORBIDDEN_CHARACTER;
			case ACCEPTABLE -> newCode.equals(confirmation) ? null : MISMATCH;
		};
	}

}
