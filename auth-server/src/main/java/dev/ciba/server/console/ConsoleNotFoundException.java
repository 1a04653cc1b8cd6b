package dev.ciba.server.console;

/**
 * No such client, customer or delivery: the console's 404 page.
 */
class ConsoleNotFoundException extends RuntimeException {

	ConsoleNotFoundException() {
		super("Not found");
	}

}
