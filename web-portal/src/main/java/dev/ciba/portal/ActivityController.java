package dev.ciba.portal;

import dev.ciba.portal.CustomerActivity.ActivityPage;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

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
	 * The last page one may ask for: deeper offsets cost the database more than they
	 * show.
	 */
	static final int MAX_PAGE = 500;

	private final CustomerActivity activity;

	ActivityController(CustomerActivity activity) {
		this.activity = activity;
	}

	@GetMapping("/portal/activity")
	String page(@CurrentCustomer CustomerRef customer, @RequestParam(defaultValue = "0") int page, Model model) {
		if (page < 0 || page > MAX_PAGE) {
			throw new PortalNotFoundException();
		}
		ActivityPage entries = this.activity.page(customer.id(), page, PAGE_SIZE);
		model.addAttribute("entries", entries.entries().stream().map(ActivityRow::from).toList());
		model.addAttribute("page", page);
		model.addAttribute("hasNext", entries.hasNext() && page < MAX_PAGE);
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

}
