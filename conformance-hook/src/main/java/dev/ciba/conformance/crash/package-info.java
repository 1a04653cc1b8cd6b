/**
 * A test-only pause inside the token redemption, so that end-to-end tests can kill the
 * server while a redemption has marked its request redeemed but not yet committed. Never
 * on the server's class path in production; active only with
 * {@code ciba.test.redemption-pause.directory} set.
 */
@NullMarked
package dev.ciba.conformance.crash;

import org.jspecify.annotations.NullMarked;
