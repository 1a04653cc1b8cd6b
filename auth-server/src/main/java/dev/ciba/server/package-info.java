/**
 * The Spring Boot application: wiring of the authorization server, the CIBA grant,
 * customers and the other modules.
 */
package dev.ciba.server;
