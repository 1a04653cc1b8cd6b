package dev.ciba.server.console;

import java.util.List;

import dev.ciba.push.api.DeviceDirectory;
import dev.ciba.push.audit.DeviceEvents;
import dev.ciba.push.audit.StoredDeviceEvent;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.customer.CustomerRepository;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Customers in the console: search by username or e-mail address, a customer's phones and
 * recent activity, and disabling or enabling the account (what disabling does is
 * {@link CustomerAdministration}'s).
 */
@Controller
class ConsoleCustomersController {

	/** The most device events shown of a customer. */
	static final int RECENT_EVENTS = 20;

	/** Longest search accepted: the longest e-mail address. */
	static final int MAX_QUERY_LENGTH = 254;

	private final CustomerAdministration administration;

	private final CustomerRepository customers;

	private final DeviceDirectory devices;

	private final DeviceEvents events;

	ConsoleCustomersController(CustomerAdministration administration, CustomerRepository customers,
			DeviceDirectory devices, DeviceEvents events) {
		this.administration = administration;
		this.customers = customers;
		this.devices = devices;
		this.events = events;
	}

	@GetMapping("/console/customers")
	String search(@RequestParam(name = "q", defaultValue = "") String query, Model model) {
		String trimmed = (query.length() > MAX_QUERY_LENGTH) ? query.substring(0, MAX_QUERY_LENGTH) : query;
		model.addAttribute("q", trimmed);
		model.addAttribute("searched", !trimmed.isBlank());
		model.addAttribute("results", this.administration.search(trimmed));
		return "console/customers";
	}

	@GetMapping("/console/customers/{customerId}")
	String customer(@PathVariable String customerId, Model model) {
		Customer customer = find(customerId);
		List<StoredDeviceEvent> recent = this.events.recent(customer.id(), null, RECENT_EVENTS);
		model.addAttribute("customer", customer);
		model.addAttribute("devices", this.devices.activeDevices(customer.id()));
		model.addAttribute("events", recent);
		model.addAttribute("requests", this.administration.recentRequests(customer.id()));
		return "console/customer";
	}

	@PostMapping("/console/customers/{customerId}/disable")
	String disable(@PathVariable String customerId, RedirectAttributes redirect) {
		Customer customer = find(customerId);
		int ended = this.administration.disable(customer.id());
		redirect.addFlashAttribute("disabled", Math.max(ended, 0));
		redirect.addAttribute("customerId", customer.id());
		return "redirect:/console/customers/{customerId}";
	}

	@PostMapping("/console/customers/{customerId}/enable")
	String enable(@PathVariable String customerId, RedirectAttributes redirect) {
		Customer customer = find(customerId);
		this.administration.enable(customer.id());
		redirect.addFlashAttribute("enabled", true);
		redirect.addAttribute("customerId", customer.id());
		return "redirect:/console/customers/{customerId}";
	}

	private Customer find(String customerId) {
		if (customerId.length() > 64) {
			throw new ConsoleNotFoundException();
		}
		return this.customers.findById(customerId).orElseThrow(ConsoleNotFoundException::new);
	}

}
