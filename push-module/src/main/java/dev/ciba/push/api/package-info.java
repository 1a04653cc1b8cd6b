/**
 * What the push module offers the rest of the server, and the ports the server implements
 * for it.
 * <p>
 * The push module knows devices, push messages and device answers; it knows nothing of
 * CIBA tokens. The server starts a push authentication through
 * {@link dev.ciba.push.api.PushAuthentications} and learns what a device decided through
 * its {@link dev.ciba.push.api.PushDecisionListener}.
 */
package dev.ciba.push.api;
