/**
 * Clean-up of expired and ended records.
 */
@NullMarked
package dev.ciba.push.sweep;

import org.jspecify.annotations.NullMarked;
