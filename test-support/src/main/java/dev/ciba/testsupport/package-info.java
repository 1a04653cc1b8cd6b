/**
 * Fixtures shared by the test suites of the reactor. Never on a production class path.
 */
package dev.ciba.testsupport;
