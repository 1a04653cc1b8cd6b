/**
 * Client authentication with {@code private_key_jwt} (RFC 7523, OpenID Connect Core §9):
 * the verification of client assertions at the token and backchannel authentication
 * endpoints.
 */
package dev.ciba.server.client.authentication;
