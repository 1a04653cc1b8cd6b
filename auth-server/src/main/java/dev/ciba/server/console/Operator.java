package dev.ciba.server.console;

/**
 * An operator account as stored.
 *
 * @param id the opaque random id: the principal name of a console session
 * @param username what the operator types at login
 * @param passwordHash the encoded password ({@code {bcrypt}...})
 * @param enabled whether the operator may log in
 */
record Operator(String id, String username, String passwordHash, boolean enabled) {
}
