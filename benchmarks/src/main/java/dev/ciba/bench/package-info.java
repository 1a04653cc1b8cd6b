/**
 * The benchmark: a load generator that speaks standard CIBA poll and ping flows to our
 * server and to Keycloak and plays the phone with real device keys, and a JMH benchmark
 * of one token signature. Run through {@code benchmarks/run.sh}, never by the test
 * command.
 */
@NullMarked
package dev.ciba.bench;

import org.jspecify.annotations.NullMarked;
