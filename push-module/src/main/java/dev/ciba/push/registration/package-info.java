/**
 * Device registration: open registrations behind the portal's QR code and the phone's
 * registration call.
 */
@NullMarked
package dev.ciba.push.registration;

import org.jspecify.annotations.NullMarked;
