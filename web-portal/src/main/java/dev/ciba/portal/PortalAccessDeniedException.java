package dev.ciba.portal;

/**
 * The request has no customer who may use the portal: not logged in, or the customer was
 * removed or disabled after logging in.
 */
class PortalAccessDeniedException extends RuntimeException {

	PortalAccessDeniedException() {
		super("No enabled customer for this session");
	}

}
