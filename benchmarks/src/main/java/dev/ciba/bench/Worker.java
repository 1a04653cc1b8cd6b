package dev.ciba.bench;

/**
 * One load thread's view of a server under test: its own connection and its own customer
 * (and, for our server, that customer's phone), so that a thread's flows never wait on
 * another's.
 */
interface Worker extends AutoCloseable {

	/**
	 * Runs one complete flow: backchannel request, the device's answer, token redemption.
	 * Records each step; throws {@link FlowFailure} when an answer is not the expected
	 * one.
	 * @param sequence a number unique in the whole benchmark, for the binding message
	 * @param recorder where the steps go
	 */
	void flow(long sequence, Recorder recorder) throws Exception;

	/**
	 * Starts a request that nobody will answer, for the poll storm.
	 * @return its {@code auth_req_id}
	 */
	String startPending(long sequence) throws Exception;

	/**
	 * Polls the token endpoint for a request once.
	 * @return the {@code error} code of the answer, or {@code tokens}
	 */
	String poll(String authReqId) throws Exception;

	@Override
	void close();

}
