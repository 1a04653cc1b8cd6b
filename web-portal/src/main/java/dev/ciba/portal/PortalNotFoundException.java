package dev.ciba.portal;

/**
 * The page names something that does not exist for this customer: an unknown, expired,
 * used or foreign registration, or a device that is not the customer's. The portal never
 * tells these cases apart.
 */
class PortalNotFoundException extends RuntimeException {

	PortalNotFoundException() {
		super("Not found for this customer");
	}

}
