/**
 * A test-only approval hook for automated conformance runs: decides a backchannel
 * authentication request over HTTP exactly as a phone would. Never on the server's class
 * path in production; active only with the {@code conformance} profile and
 * {@code ciba.conformance.hook-enabled=true}.
 */
@NullMarked
package dev.ciba.conformance;

import org.jspecify.annotations.NullMarked;
