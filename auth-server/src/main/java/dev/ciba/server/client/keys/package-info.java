/**
 * Clients' public keys, registered by value ({@code jwks}) or by URL ({@code jwks_uri}):
 * the guarded fetch of a client's JWK Set, its bounded cache, and the choice of the keys
 * that may verify a client's signature.
 */
package dev.ciba.server.client.keys;
