/**
 * What the customer is asked to consent to, and how it is shown on the phone: the
 * {@code authorization_details} of RFC 9396 (parsed strictly, rendered in words), the
 * descriptions of the requested scopes, and whether the customer must match the client's
 * number.
 */
@NullMarked
package dev.ciba.server.consent;

import org.jspecify.annotations.NullMarked;
