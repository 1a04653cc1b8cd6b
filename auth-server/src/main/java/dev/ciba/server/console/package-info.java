/**
 * The operator console ({@code /console}): clients, customers and deliveries, for
 * operators, a role and accounts of their own that a customer's login never reaches.
 */
package dev.ciba.server.console;
