package dev.ciba.bench;

/**
 * A flow that got an answer it did not expect; {@link #kind()} names the step and the
 * status, and is what the results count.
 */
final class FlowFailure extends Exception {

	private static final long serialVersionUID = 1L;

	private final String kind;

	FlowFailure(String kind) {
		super(kind, null, false, false);
		this.kind = kind;
	}

	static FlowFailure of(String step, HttpConnection.Response response) {
		String error = JsonText.field(response.body(), "error");
		return new FlowFailure(step + " " + response.status() + ((error != null) ? " " + error : ""));
	}

	String kind() {
		return this.kind;
	}

}
