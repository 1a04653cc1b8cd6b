package dev.ciba.portal;

import dev.ciba.push.api.CustomerDirectory.CustomerRef;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The clients holding tokens for the customer, and the revocation of one client's tokens.
 * A grant id of another customer revokes nothing and is "not found".
 */
@Controller
class GrantsController {

	static final String REVOKED_FLASH = "grantRevoked";

	private final CustomerGrants grants;

	GrantsController(CustomerGrants grants) {
		this.grants = grants;
	}

	@GetMapping("/portal/grants")
	String list(@CurrentCustomer CustomerRef customer, Model model) {
		model.addAttribute("grants", this.grants.grants(customer.id()).stream().map(GrantRow::from).toList());
		return "portal/grants";
	}

	@PostMapping("/portal/grants/{grantId}/revoke")
	String revoke(@CurrentCustomer CustomerRef customer, @PathVariable String grantId,
			RedirectAttributes redirectAttributes) {
		if (!DeviceIds.isWellFormed(grantId) || !this.grants.revoke(customer.id(), grantId)) {
			throw new PortalNotFoundException();
		}
		redirectAttributes.addFlashAttribute(REVOKED_FLASH, true);
		return "redirect:/portal/grants";
	}

}
