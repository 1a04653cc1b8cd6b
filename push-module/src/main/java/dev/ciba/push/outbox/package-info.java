/**
 * The push outbox: one row per push to send, claimed with row locks so that exactly one
 * node sends it, retried with backoff, never lost on a crash. Senders sit behind the
 * narrow {@link dev.ciba.push.outbox.PushSender} interface.
 */
@NullMarked
package dev.ciba.push.outbox;

import org.jspecify.annotations.NullMarked;
