/**
 * Ping and push token delivery to CIBA clients (CIBA Core 1.0 §10.2, §10.3 and §12): the
 * outbox of notifications, the dispatcher that claims and sends them, the guard on
 * notification endpoints and their addresses, and the payloads.
 */
package dev.ciba.server.delivery;
