package dev.ciba.push.web;

import dev.ciba.push.PushChannelSettings;
import dev.ciba.push.registration.DeviceKeyRotation;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A phone replacing its key: {@code POST .../devices/{deviceId}/rotate-key} with
 * {@code {"token": JWT}} signed by the key being replaced; {@code 204} on success. The
 * path follows the device's other calls ({@code remove}, {@code update}).
 */
@RestController
public class DeviceKeyController {

	private final DeviceKeyRotation rotation;

	private final PushChannelSettings settings;

	public DeviceKeyController(DeviceKeyRotation rotation, PushChannelSettings settings) {
		this.rotation = rotation;
		this.settings = settings;
	}

	@PostMapping(DeviceApiPaths.ROTATE_DEVICE_KEY)
	public ResponseEntity<Void> rotate(@PathVariable String tenant, @PathVariable String deviceId,
			@RequestBody TokenRequest request) {
		DeviceApiPaths.checkTenant(this.settings, tenant);
		this.rotation.rotate(deviceId, RequiredParameters.jwt(request.token(), "token"));
		return ResponseEntity.noContent().build();
	}

	@RequestMapping(DeviceApiPaths.ROTATE_DEVICE_KEY)
	public void otherMethods() {
		throw DeviceApiPaths.methodNotAllowed("POST");
	}

}
