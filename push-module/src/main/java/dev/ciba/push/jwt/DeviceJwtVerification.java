package dev.ciba.push.jwt;

import java.text.ParseException;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.ciba.push.DeviceApiException;
import dev.ciba.push.device.Device;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying a device token: verified, or refused with a reason.
 */
public sealed interface DeviceJwtVerification {

	/**
	 * The verified token, or a {@link DeviceApiException} with the refusal's status and
	 * error.
	 */
	default Verified orElseThrow() {
		if (this instanceof Verified verified) {
			return verified;
		}
		DeviceJwtRefusal reason = ((Refused) this).reason();
		throw new DeviceApiException(reason.status(), reason.error(), reason.description());
	}

	/**
	 * A token whose device, algorithm, signature, times, purpose and single use were
	 * checked.
	 *
	 * @param device the active device that signed it
	 * @param claims its claims
	 */
	record Verified(Device device, JWTClaimsSet claims) implements DeviceJwtVerification {

		/**
		 * A string claim, {@code null} if absent.
		 * @throws DeviceApiException if it is present but not a string
		 */
		public @Nullable String stringClaim(String name) {
			try {
				return this.claims.getStringClaim(name);
			}
			catch (ParseException ex) {
				throw DeviceApiException.invalidRequest("The token claim " + name + " must be a string");
			}
		}

	}

	/**
	 * A refused token.
	 *
	 * @param reason why it was refused
	 * @param deviceId the device the header named, if it was well formed
	 */
	record Refused(DeviceJwtRefusal reason, @Nullable String deviceId) implements DeviceJwtVerification {

	}

}
