package dev.ciba.push.web;

import java.net.URI;
import java.util.Map;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.registration.DeviceRegistrationRequest;
import dev.ciba.push.registration.DeviceRegistrationService;
import dev.ciba.push.registration.DeviceSelfService;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The phone's calls about its own registration: register (no session), remove and update
 * (with a token signed by the device key).
 */
@RestController
public class DeviceController {

	private final DeviceRegistrationService registrations;

	private final DeviceSelfService selfService;

	private final PushChannelSettings settings;

	public DeviceController(DeviceRegistrationService registrations, DeviceSelfService selfService,
			PushChannelSettings settings) {
		this.registrations = registrations;
		this.selfService = selfService;
		this.settings = settings;
	}

	@PostMapping(DeviceApiPaths.DEVICES)
	public ResponseEntity<Map<String, String>> register(@PathVariable String tenant,
			@RequestBody DeviceRegistrationRequest request) {
		DeviceApiPaths.checkTenant(this.settings, tenant);
		String deviceId = this.registrations.register(request);
		URI location = URI.create(this.settings.publicBaseUrl() + this.settings.tenantPath()
				+ "/api/users/v1/me/push/devices/" + deviceId);
		return ResponseEntity.created(location).body(Map.of("deviceId", deviceId));
	}

	@PostMapping(DeviceApiPaths.REMOVE_DEVICE)
	public ResponseEntity<Void> remove(@PathVariable String tenant, @PathVariable String deviceId,
			@RequestBody TokenRequest request) {
		DeviceApiPaths.checkTenant(this.settings, tenant);
		this.selfService.remove(deviceId, RequiredParameters.jwt(request.token(), "token"));
		return ResponseEntity.noContent().build();
	}

	@PostMapping(DeviceApiPaths.UPDATE_DEVICE)
	public ResponseEntity<Void> update(@PathVariable String tenant, @PathVariable String deviceId,
			@RequestBody TokenRequest request) {
		DeviceApiPaths.checkTenant(this.settings, tenant);
		this.selfService.update(deviceId, RequiredParameters.jwt(request.token(), "token"));
		return ResponseEntity.noContent().build();
	}

	@RequestMapping(path = { DeviceApiPaths.DEVICES, DeviceApiPaths.REMOVE_DEVICE, DeviceApiPaths.UPDATE_DEVICE })
	public void otherMethods() {
		throw DeviceApiPaths.methodNotAllowed("POST");
	}

}
