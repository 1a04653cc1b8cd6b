package dev.ciba.push.audit;

import java.time.Duration;

/**
 * Settings of the audit trail. The server provides exactly one bean of this type.
 *
 * @param retention how long device events are kept before they are swept
 */
public record DeviceAuditSettings(Duration retention) {

	public DeviceAuditSettings {
		if (retention == null || retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("audit retention must be positive");
		}
	}

	/**
	 * The documented default: 90 days.
	 */
	public static DeviceAuditSettings defaults() {
		return new DeviceAuditSettings(Duration.ofDays(90));
	}

}
