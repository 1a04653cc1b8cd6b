package dev.ciba.simulator;

/**
 * Thrown by the convenience calls of {@link Phone} when the server does not answer with
 * the expected status. Calls that tests need to see refused return a {@link ServerAnswer}
 * instead.
 */
public class ServerRefusedException extends RuntimeException {

	private final ServerAnswer answer;

	/**
	 * @param answer what the server answered
	 */
	public ServerRefusedException(ServerAnswer answer) {
		super(answer.describeRefusal());
		this.answer = answer;
	}

	/**
	 * What the server answered.
	 */
	public ServerAnswer answer() {
		return this.answer;
	}

}
