/**
 * The device registry: registered phones, their public keys and their push tokens.
 */
@NullMarked
package dev.ciba.push.device;

import org.jspecify.annotations.NullMarked;
