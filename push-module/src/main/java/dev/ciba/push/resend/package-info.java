/**
 * Pushes sent again for requests that nobody answered.
 */
@NullMarked
package dev.ciba.push.resend;

import org.jspecify.annotations.NullMarked;
