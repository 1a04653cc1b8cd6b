/**
 * Test-only pauses at the moments end-to-end tests kill the server: inside a token
 * redemption before it commits, and in a push to a phone after its outbox row was
 * claimed. Never on the server's class path in production; active only with
 * {@code ciba.test.crash-pause.directory} set.
 */
@NullMarked
package dev.ciba.conformance.crash;

import org.jspecify.annotations.NullMarked;
