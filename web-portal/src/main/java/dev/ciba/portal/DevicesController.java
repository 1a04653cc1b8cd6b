package dev.ciba.portal;

import java.util.List;

import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.api.DeviceDirectory;
import dev.ciba.push.api.DeviceRegistrations;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customer's active devices: the list, renaming one, and removing one after a
 * confirmation page. Every device id in a URL is looked up among the customer's own
 * active devices, so another customer's id is "not found", exactly like an unknown one.
 */
@Controller
class DevicesController {

	static final String REMOVED_FLASH = "deviceRemoved";

	static final String RENAMED_FLASH = "deviceRenamed";

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

	@GetMapping("/portal/devices/{deviceId}/rename")
	String renameForm(@CurrentCustomer CustomerRef customer, @PathVariable String deviceId, Model model) {
		DeviceRow device = ownDevice(customer, deviceId);
		model.addAttribute("device", device);
		model.addAttribute("name", device.name());
		model.addAttribute("maxLength", DeviceNameRule.MAX_LENGTH);
		return "portal/device-rename";
	}

	@PostMapping("/portal/devices/{deviceId}/rename")
	Object rename(@CurrentCustomer CustomerRef customer, @PathVariable String deviceId,
			@RequestParam(defaultValue = "") String name, RedirectAttributes redirectAttributes) {
		DeviceRow device = ownDevice(customer, deviceId);
		String normalised = DeviceNameRule.normalise(name);
		if (normalised == null) {
			ModelAndView form = new ModelAndView("portal/device-rename", HttpStatus.BAD_REQUEST);
			form.addObject("device", device);
			// The refused name may hold control characters: the form starts again from
			// the current name rather than echo them.
			form.addObject("name", device.name());
			form.addObject("maxLength", DeviceNameRule.MAX_LENGTH);
			form.addObject("error", true);
			return form;
		}
		// Known gap: the phone is not told its new name (the device protocol has no
		// message for it); it keeps showing the name it registered with.
		if (!this.devices.rename(customer.id(), deviceId, normalised)) {
			throw new PortalNotFoundException();
		}
		redirectAttributes.addFlashAttribute(RENAMED_FLASH, true);
		return "redirect:/portal/devices";
	}

	@GetMapping("/portal/devices/{deviceId}/remove")
	String confirmRemoval(@CurrentCustomer CustomerRef customer, @PathVariable String deviceId, Model model) {
		model.addAttribute("device", ownDevice(customer, deviceId));
		return "portal/device-remove";
	}

	@PostMapping("/portal/devices/{deviceId}/remove")
	String remove(@CurrentCustomer CustomerRef customer, @PathVariable String deviceId,
			RedirectAttributes redirectAttributes) {
		// remove(...) only touches the customer's own active device.
		if (!DeviceIds.isWellFormed(deviceId) || !this.devices.remove(customer.id(), deviceId)) {
			throw new PortalNotFoundException();
		}
		redirectAttributes.addFlashAttribute(REMOVED_FLASH, true);
		return "redirect:/portal/devices";
	}

	private DeviceRow ownDevice(CustomerRef customer, String deviceId) {
		if (!DeviceIds.isWellFormed(deviceId)) {
			throw new PortalNotFoundException();
		}
		return this.devices.activeDevices(customer.id())
			.stream()
			.filter((device) -> device.deviceId().equals(deviceId))
			.findFirst()
			.map(DeviceRow::from)
			.orElseThrow(PortalNotFoundException::new);
	}

}
