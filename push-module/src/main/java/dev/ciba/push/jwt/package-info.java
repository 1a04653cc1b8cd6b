/**
 * Verification of device-signed JWTs: the device from the header, the algorithm pinned to
 * its key, the signature, bounded lifetimes and clock skew, purpose and single use.
 */
@NullMarked
package dev.ciba.push.jwt;

import org.jspecify.annotations.NullMarked;
