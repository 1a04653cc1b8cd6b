/**
 * The customer's activity: a history of the backchannel authentication requests that
 * named each customer, kept longer than the requests, for the portal's activity page.
 */
@NullMarked
package dev.ciba.server.activity;

import org.jspecify.annotations.NullMarked;
