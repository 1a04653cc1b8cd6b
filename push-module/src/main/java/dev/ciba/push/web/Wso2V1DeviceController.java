package dev.ciba.push.web;

import java.net.URI;
import java.util.Map;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.device.DeviceProtocol;
import dev.ciba.push.registration.DeviceRegistrationService;
import dev.ciba.push.registration.DeviceSelfService;
import dev.ciba.push.registration.Wso2V1RegistrationRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The phone's calls about its own registration in generation 1 ("push-auth") of the WSO2
 * protocol: register (no session; RSA keys from 1024 bits) and remove (a token signed by
 * the device key, header {@code did}, {@code act} = {@code REMOVE}). Every path answers
 * 404 while the compatibility profile is off.
 */
@RestController
public class Wso2V1DeviceController {

	private final DeviceRegistrationService registrations;

	private final DeviceSelfService selfService;

	private final PushChannelSettings settings;

	public Wso2V1DeviceController(DeviceRegistrationService registrations, DeviceSelfService selfService,
			PushChannelSettings settings) {
		this.registrations = registrations;
		this.selfService = selfService;
		this.settings = settings;
	}

	/**
	 * Runs before the body of any call here is read, so that while the profile is off
	 * every call is a 404, whatever its body.
	 */
	@ModelAttribute
	public void checkProfile(@PathVariable String tenant) {
		DeviceApiPaths.checkWso2V1(this.settings, tenant);
	}

	@PostMapping(DeviceApiPaths.WSO2_V1_DEVICES)
	public ResponseEntity<Map<String, String>> register(@RequestBody Wso2V1RegistrationRequest request) {
		String deviceId = this.registrations.registerWso2V1(request);
		URI location = URI.create(this.settings.publicBaseUrl() + this.settings.tenantPath()
				+ "/api/users/v1/me/push-auth/devices/" + deviceId);
		return ResponseEntity.created(location).body(Map.of("deviceId", deviceId));
	}

	@PostMapping(DeviceApiPaths.WSO2_V1_REMOVE_DEVICE)
	public ResponseEntity<Void> remove(@PathVariable String deviceId, @RequestBody TokenRequest request) {
		this.selfService.remove(deviceId, RequiredParameters.jwt(request.token(), "token"),
				DeviceProtocol.WSO2_PUSH_AUTH);
		return ResponseEntity.noContent().build();
	}

	@RequestMapping(path = { DeviceApiPaths.WSO2_V1_DEVICES, DeviceApiPaths.WSO2_V1_REMOVE_DEVICE })
	public void otherMethods() {
		throw DeviceApiPaths.methodNotAllowed("POST");
	}

}
