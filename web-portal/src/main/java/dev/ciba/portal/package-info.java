/**
 * The customer portal: Thymeleaf pages under {@code /portal/**} where a logged-in
 * customer registers a phone by scanning a QR code, sees the registered phones and
 * removes one, and sets a user code.
 * <p>
 * The portal only talks to the push module's API ({@code dev.ciba.push.api}) and to the
 * ports it defines itself ({@link dev.ciba.portal.UserCodes}). Security (form login,
 * CSRF, logout) is configured by the server; the principal's name is the customer's
 * opaque id. Import {@link dev.ciba.portal.PortalConfiguration} to add the portal to an
 * application.
 */
@NullMarked
package dev.ciba.portal;

import org.jspecify.annotations.NullMarked;
