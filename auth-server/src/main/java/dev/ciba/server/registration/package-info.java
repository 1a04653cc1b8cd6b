/**
 * Dynamic client registration with the CIBA client metadata (RFC 7591, RFC 7592 for
 * reading a client back, OpenID Connect Dynamic Client Registration 1.0, CIBA Core 1.0
 * §4) at {@code /connect/register}: the endpoint, the parsing of registration requests,
 * the initial access tokens that guard it, and the registered client's metadata.
 */
package dev.ciba.server.registration;
