/**
 * Push authentications: what the customer's phones are asked, the push data, the devices'
 * answers and the pending-request pull.
 */
@NullMarked
package dev.ciba.push.auth;

import org.jspecify.annotations.NullMarked;
