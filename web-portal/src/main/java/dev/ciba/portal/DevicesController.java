package dev.ciba.portal;

import java.util.List;

import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.api.DeviceDirectory;
import dev.ciba.push.api.DeviceRegistrations;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's active devices: the list and the removal of one.
 */
@Controller
class DevicesController {

	static final String REMOVED_FLASH = "deviceRemoved";

	private final DeviceDirectory devices;

	private final DeviceRegistrations registrations;

	DevicesController(DeviceDirectory devices, DeviceRegistrations registrations) {
		this.devices = devices;
		this.registrations = registrations;
	}

	@GetMapping("/portal/devices")
	String list(@CurrentCustomer CustomerRef customer, Model model) {
		List<DeviceRow> rows = this.devices.activeDevices(customer.id()).stream().map(DeviceRow::from).toList();
		model.addAttribute("username", customer.username());
		model.addAttribute("devices", rows);
		// At the limit the page offers no QR code: a phone scanning it would be refused.
		model.addAttribute("deviceLimitReached", this.registrations.deviceLimitReached(customer.id()));
		model.addAttribute("maxDevices", this.registrations.maxDevicesPerCustomer());
		return "portal/devices";
	}

	@PostMapping("/portal/devices/{deviceId}/remove")
	String remove(@CurrentCustomer CustomerRef customer, @PathVariable String deviceId,
			RedirectAttributes redirectAttributes) {
		// remove(...) only touches the customer's own active device, so an id of someone
		// else's device is "not found" here, exactly like an unknown one.
		if (!DeviceIds.isWellFormed(deviceId) || !this.devices.remove(customer.id(), deviceId)) {
			throw new PortalNotFoundException();
		}
		redirectAttributes.addFlashAttribute(REMOVED_FLASH, true);
		return "redirect:/portal/devices";
	}

}
