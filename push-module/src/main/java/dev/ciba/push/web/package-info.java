/**
 * The device-facing HTTP API (wire-compatible with the WSO2 "push" protocol) and the
 * discovery-data endpoint of the portal. Every error is {@code {"error",
 * "error_description"}} JSON.
 */
@NullMarked
package dev.ciba.push.web;

import org.jspecify.annotations.NullMarked;
