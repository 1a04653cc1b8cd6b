/**
 * The audit trail of the device channel: every device event (registered, updated, key
 * rotated, removed, notified, push failed, answered, refused) as a row in the database,
 * naming requests by a hash only, and a read of a customer's events for the portal.
 */
@NullMarked
package dev.ciba.push.audit;

import org.jspecify.annotations.NullMarked;
