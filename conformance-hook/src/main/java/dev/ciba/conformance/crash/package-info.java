/**
 * Test-only pauses at the moments end-to-end tests kill the server: inside a token
 * redemption before it commits, in a push to a phone after its outbox row was claimed,
 * and in a ping or push to a client after its row was claimed; and a hold on a node's
 * outbox claims, so that a test knows which of several nodes holds the work. Never on the
 * server's class path in production; active only with
 * {@code ciba.test.crash-pause.directory} set.
 */
@NullMarked
package dev.ciba.conformance.crash;

import org.jspecify.annotations.NullMarked;
