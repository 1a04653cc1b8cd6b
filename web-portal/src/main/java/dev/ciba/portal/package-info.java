/**
 * The customer portal: Thymeleaf pages under {@code /portal/**} where a logged-in
 * customer registers a phone by scanning a QR code, sees, renames and removes the
 * registered phones, sees the backchannel requests that named them, revokes the tokens a
 * client holds for them, and sets a user code; in English or German.
 * <p>
 * The portal only talks to the push module's API ({@code dev.ciba.push.api}) and to the
 * ports it defines itself ({@link dev.ciba.portal.UserCodes},
 * {@link dev.ciba.portal.CustomerActivity}, {@link dev.ciba.portal.CustomerGrants}),
 * which the server implements. Security (form login, CSRF, logout) is configured by the
 * server; the principal's name is the customer's opaque id. Import
 * {@link dev.ciba.portal.PortalConfiguration} to add the portal to an application.
 */
@NullMarked
package dev.ciba.portal;

import org.jspecify.annotations.NullMarked;
