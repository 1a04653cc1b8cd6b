package dev.ciba.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.api.DeviceRegistrations;
import dev.ciba.push.api.DiscoveryData;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Registration of a new phone: opening a registration and showing its QR code and JSON.
 * While the server's compatibility profile for generation 1 of the WSO2 protocol is on,
 * the page also shows the same registration as a generation-1 QR code and JSON (for the
 * "WSO2 Verify" sample app); its PNG has a URL of its own.
 */
@Controller
class DeviceRegistrationController {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final DeviceRegistrations registrations;

	private final Clock clock;

	DeviceRegistrationController(DeviceRegistrations registrations, Clock clock) {
		this.registrations = registrations;
		this.clock = clock;
	}

	@PostMapping("/portal/devices/registrations")
	String open(@CurrentCustomer CustomerRef customer, RedirectAttributes redirectAttributes) {
		if (this.registrations.deviceLimitReached(customer.id())) {
			// The devices page says why no new phone can be registered.
			return "redirect:/portal/devices";
		}
		DiscoveryData data = this.registrations.open(customer.id());
		redirectAttributes.addAttribute("deviceId", data.deviceId());
		return "redirect:/portal/devices/registrations/{deviceId}";
	}

	@GetMapping("/portal/devices/registrations/{deviceId}")
	String show(@CurrentCustomer CustomerRef customer, @PathVariable String deviceId, Model model) {
		DiscoveryData data = findOpen(customer, deviceId);
		long secondsLeft = Duration.between(this.clock.instant(), data.expiresAt()).toSeconds();
		model.addAttribute("registration",
				new RegistrationView(data.deviceId(), data.toJson(), DisplayTime.of(data.expiresAt()),
						SECONDS.format(data.expiresAt()), Math.max(secondsLeft, 0),
						this.registrations.wso2V1Json(data).orElse(null)));
		return "portal/registration";
	}

	@GetMapping("/portal/devices/registrations/{deviceId}/qr.png")
	ResponseEntity<byte[]> qrCode(@CurrentCustomer CustomerRef customer, @PathVariable String deviceId) {
		DiscoveryData data = findOpen(customer, deviceId);
		// The code carries a live challenge: no cache may keep it.
		return ResponseEntity.ok()
			.contentType(MediaType.IMAGE_PNG)
			.cacheControl(CacheControl.noStore())
			.body(this.registrations.qrPng(data));
	}

	@GetMapping("/portal/devices/registrations/{deviceId}/qr-wso2-v1.png")
	ResponseEntity<byte[]> wso2V1QrCode(@CurrentCustomer CustomerRef customer, @PathVariable String deviceId) {
		DiscoveryData data = findOpen(customer, deviceId);
		byte[] png = this.registrations.wso2V1QrPng(data).orElseThrow(PortalNotFoundException::new);
		return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore()).body(png);
	}

	private DiscoveryData findOpen(CustomerRef customer, String deviceId) {
		if (!DeviceIds.isWellFormed(deviceId)) {
			throw new PortalNotFoundException();
		}
		return this.registrations.findOpen(customer.id(), deviceId)
			.filter((data) -> data.expiresAt().isAfter(this.clock.instant()))
			.orElseThrow(PortalNotFoundException::new);
	}

}
