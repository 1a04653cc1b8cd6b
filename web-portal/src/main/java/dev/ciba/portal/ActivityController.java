package dev.ciba.portal;

import java.util.regex.Pattern;

import dev.ciba.portal.CustomerActivity.ActivityPage;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The customer's activity: every backchannel authentication request that named them,
 * newest first, page by page, and the pending ones as a fragment that the page's script
 * reloads while the customer looks (the page works without it: its refresh link reloads
 * the whole page).
 */
@Controller
class ActivityController {

	static final int PAGE_SIZE = 20;

	/**
	 * How many pages one may look through (numbered from 0 in the URL, from 1 on the
	 * page): deeper offsets cost the database more than they show.
	 */
	static final int PAGES = 500;

	private static final Pattern PAGE_NUMBER = Pattern.compile("[0-9]{1,9}");

	private final CustomerActivity activity;

	ActivityController(CustomerActivity activity) {
		this.activity = activity;
	}

	@GetMapping("/portal/activity")
	String page(@CurrentCustomer CustomerRef customer, @RequestParam(name = "page", defaultValue = "0") String number,
			Model model) {
		int page = pageNumber(number);
		ActivityPage entries = this.activity.page(customer.id(), page, PAGE_SIZE);
		model.addAttribute("entries", entries.entries().stream().map(ActivityRow::from).toList());
		model.addAttribute("page", page);
		model.addAttribute("hasNext", entries.hasNext() && page < PAGES - 1);
		addPending(customer, model);
		return "portal/activity";
	}

	@GetMapping("/portal/activity/pending")
	String pending(@CurrentCustomer CustomerRef customer, Model model) {
		addPending(customer, model);
		return "portal/activity :: pending";
	}

	private void addPending(CustomerRef customer, Model model) {
		model.addAttribute("pending", this.activity.pending(customer.id()).stream().map(ActivityRow::from).toList());
	}

	// Decimal digits only: Spring's own int conversion would also take "0x10" or "+1".
	private static int pageNumber(String number) {
		if (number.length() > 9 && number.chars().allMatch(Character::isDigit)) {
			throw new PortalNotFoundException();
		}
		if (!PAGE_NUMBER.matcher(number).matches()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
		}
		int page = Integer.parseInt(number);
		if (page >= PAGES) {
			throw new PortalNotFoundException();
		}
		return page;
	}

}
