package dev.ciba.server.console;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The outboxes in the console: failed deliveries and those waiting for a retry, with a
 * retry button ({@link DeliveryQueue}).
 */
@Controller
class ConsoleDeliveriesController {

	private final DeliveryQueue queue;

	ConsoleDeliveriesController(DeliveryQueue queue) {
		this.queue = queue;
	}

	@GetMapping("/console/deliveries")
	String deliveries(@RequestParam(defaultValue = "0") int page, Model model) {
		int current = Math.max(0, Math.min(page, 10_000));
		List<DeliveryQueue.ClientDelivery> clients = this.queue.clientDeliveries(current);
		List<DeliveryQueue.PushDelivery> pushes = this.queue.pushDeliveries(current);
		model.addAttribute("clientDeliveries", clients.subList(0, Math.min(DeliveryQueue.PAGE_SIZE, clients.size())));
		model.addAttribute("pushDeliveries", pushes.subList(0, Math.min(DeliveryQueue.PAGE_SIZE, pushes.size())));
		model.addAttribute("page", current);
		model.addAttribute("hasNext",
				clients.size() > DeliveryQueue.PAGE_SIZE || pushes.size() > DeliveryQueue.PAGE_SIZE);
		return "console/deliveries";
	}

	@PostMapping("/console/deliveries/client/{id}/retry")
	String retryClient(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute(this.queue.retryClientDelivery(id) ? "retried" : "notRetried", true);
		return "redirect:/console/deliveries";
	}

	@PostMapping("/console/deliveries/push/{id}/retry")
	String retryPush(@PathVariable long id, RedirectAttributes redirect) {
		redirect.addFlashAttribute(this.queue.retryPush(id) ? "retried" : "notRetried", true);
		return "redirect:/console/deliveries";
	}

}
