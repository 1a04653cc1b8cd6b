package dev.ciba.push.web;

import dev.ciba.push.DeviceApiErrors;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.api.CustomerDirectory;
import dev.ciba.push.api.CustomerDirectory.CustomerRef;
import dev.ciba.push.api.DiscoveryData;
import dev.ciba.push.registration.DeviceRegistrationService;
import dev.ciba.push.registration.JdbcDeviceRegistrations;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /t/{tenant}/api/users/v1/me/push/discovery-data}: opens a registration for
 * the signed-in customer (portal session) and answers its QR code content.
 * <p>
 * The call changes state on a {@code GET} (it is the WSO2 contract), and the session
 * cookie is {@code SameSite=Lax}, which a top-level navigation from another site still
 * carries. So a browser's request that says it comes from another site
 * ({@code Sec-Fetch-Site} {@code cross-site} or {@code same-site}) is refused before
 * anything is opened; {@code same-origin}, {@code none} (typed or bookmarked) and clients
 * that send no such header (the phone apps' tooling, scripts) are served. Known
 * shortcoming: a browser too old to send {@code Sec-Fetch-Site} is not protected this
 * way; the harm is small (one of the customer's three open registrations dropped).
 */
@RestController
public class DiscoveryDataController {

	private final JdbcDeviceRegistrations registrations;

	private final CustomerDirectory customers;

	private final PushChannelSettings settings;

	public DiscoveryDataController(JdbcDeviceRegistrations registrations, CustomerDirectory customers,
			PushChannelSettings settings) {
		this.registrations = registrations;
		this.customers = customers;
		this.settings = settings;
	}

	@GetMapping(DeviceApiPaths.DISCOVERY_DATA)
	public ResponseEntity<String> discoveryData(@PathVariable String tenant,
			@RequestHeader(name = "Sec-Fetch-Site", required = false) String fetchSite) {
		DeviceApiPaths.checkTenant(this.settings, tenant);
		if ("cross-site".equals(fetchSite) || "same-site".equals(fetchSite)) {
			throw DeviceApiException.accessDenied("Discovery data is served to the portal's own pages only");
		}
		CustomerRef customer = this.customers.findById(customerId())
			.filter(CustomerRef::enabled)
			.orElseThrow(() -> DeviceApiException.accessDenied("The customer may not register devices"));
		if (this.registrations.deviceLimitReached(customer.id())) {
			throw DeviceRegistrationService.deviceLimitReached();
		}
		DiscoveryData data = this.registrations.open(customer);
		// The challenge is a one-time secret: keep it out of caches.
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.body(data.toJson());
	}

	@RequestMapping(path = DeviceApiPaths.DISCOVERY_DATA)
	public void otherMethods() {
		throw DeviceApiPaths.methodNotAllowed("GET");
	}

	/**
	 * The signed-in customer: in the portal's session chain the principal's name is the
	 * customer id.
	 */
	private static String customerId() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			throw new DeviceApiException(HttpStatus.UNAUTHORIZED, DeviceApiErrors.ACCESS_DENIED,
					"Sign in to the portal first");
		}
		return authentication.getName();
	}

}
