/**
 * The push module: devices and the push channel of the CIBA server.
 * <p>
 * The server provides one {@link dev.ciba.push.PushChannelSettings} bean, one
 * {@link dev.ciba.push.limits.DeviceLimits} bean, one
 * {@link dev.ciba.push.audit.DeviceAuditSettings} bean, one
 * {@link dev.ciba.push.outbox.PushSender} bean, a {@link java.time.Clock}, and implements
 * the ports {@link dev.ciba.push.api.CustomerDirectory} and
 * {@link dev.ciba.push.api.PushDecisionListener}.
 */
@NullMarked
package dev.ciba.push;

import org.jspecify.annotations.NullMarked;
