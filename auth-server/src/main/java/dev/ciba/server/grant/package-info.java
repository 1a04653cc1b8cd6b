/**
 * The grants customers gave: the tokens clients hold for them, as the portal lists and
 * revokes them.
 */
@NullMarked
package dev.ciba.server.grant;

import org.jspecify.annotations.NullMarked;
