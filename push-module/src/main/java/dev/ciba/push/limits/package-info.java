/**
 * Abuse limits that hold across server nodes: attempts counted per fixed time window in
 * the database, and the limits of the device channel built on them (registration attempts
 * per customer, bad signatures per device).
 */
@NullMarked
package dev.ciba.push.limits;

import org.jspecify.annotations.NullMarked;
