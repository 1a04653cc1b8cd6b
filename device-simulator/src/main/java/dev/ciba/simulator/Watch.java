package dev.ciba.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The {@code watch} command: polls the pending pull every few seconds and answers each
 * new request, asking the user or, for scripts, on its own.
 * <p>
 * Polling is the only way: the server keeps no connection open for a device (no long
 * poll), so a request shows at most one interval after it was made.
 */
final class Watch {

	private final Phone phone;

	private final Options options;

	private final BufferedReader in;

	private final PrintStream out;

	private final Clock clock;

	private final Pause pause;

	private final Set<String> seen = new HashSet<>();

	private int answered;

	Watch(Phone phone, Options options, BufferedReader in, PrintStream out, Clock clock, Pause pause) {
		this.phone = phone;
		this.options = options;
		this.in = in;
		this.out = out;
		this.clock = clock;
		this.pause = pause;
	}

	/**
	 * Watches until {@code --count} answers were sent, the timeout passed, or the user's
	 * input ended.
	 * @return whether the watch ended as asked: {@code false} when the timeout passed
	 * before {@code --count} answers
	 * @throws ServerRefusedException if the server refuses the pull (the device was
	 * removed, for example)
	 */
	boolean run() throws IOException {
		Instant deadline = (this.options.timeout() != null) ? this.clock.instant().plus(this.options.timeout()) : null;
		this.out.println("Watching for requests every " + describe(this.options.interval())
				+ " (the server offers no long poll, so the phone asks).");
		while (true) {
			Outcome outcome = answerNewRequests();
			if (outcome != Outcome.GO_ON) {
				return true;
			}
			Duration wait = this.options.interval();
			if (deadline != null) {
				Duration left = Duration.between(this.clock.instant(), deadline);
				if (left.isNegative() || left.isZero()) {
					return timedOut();
				}
				wait = (left.compareTo(wait) < 0) ? left : wait;
			}
			sleep(wait);
		}
	}

	private Outcome answerNewRequests() throws IOException {
		for (PendingRequest request : poll()) {
			if (!this.seen.add(request.pushId())) {
				continue;
			}
			DeviceSimulator.printRequest(request, this.out);
			if (autoApprovalWithoutItsNumber(request)) {
				// Sending it would waste the customer's one wrong pick and deny the
				// request.
				this.out.println("Request " + Printable.clean(request.pushId()) + " has number matching and --number "
						+ "is not one of its choices; left unanswered.");
				continue;
			}
			Choice choice = choose(request);
			if (choice == null) {
				this.out.println("Input ended; stopped watching.");
				return Outcome.INPUT_ENDED;
			}
			send(request, choice);
			if (this.options.count() > 0 && this.answered >= this.options.count()) {
				this.out.println("Sent " + this.answered + ((this.answered == 1) ? " answer" : " answers")
						+ "; stopped watching.");
				return Outcome.COUNT_REACHED;
			}
		}
		return Outcome.GO_ON;
	}

	/**
	 * The pending requests; an unreachable server is reported and tried again at the next
	 * interval.
	 */
	private List<PendingRequest> poll() {
		try {
			return this.phone.pending();
		}
		catch (UncheckedIOException ex) {
			this.out.println("Could not poll: " + Printable.clean(ex.getMessage()) + "; trying again.");
			return List.of();
		}
	}

	private boolean autoApprovalWithoutItsNumber(PendingRequest request) {
		return this.options.auto() == Decision.APPROVED && request.needsNumber()
				&& (this.options.number() == null || !request.numberChoices().contains(this.options.number()));
	}

	private @Nullable Choice choose(PendingRequest request) throws IOException {
		if (this.options.auto() != null) {
			String number = (request.needsNumber()) ? this.options.number() : null;
			return new Choice(this.options.auto(), number);
		}
		Decision decision = askDecision();
		if (decision == null) {
			return null;
		}
		if (decision == Decision.DENIED || !request.needsNumber()) {
			return new Choice(decision, null);
		}
		String number = askNumber(request);
		return (number != null) ? new Choice(decision, number) : null;
	}

	private @Nullable Decision askDecision() throws IOException {
		while (true) {
			this.out.print("Approve this request? [y/n] ");
			this.out.flush();
			String line = this.in.readLine();
			if (line == null) {
				this.out.println();
				return null;
			}
			String word = line.strip().toLowerCase(Locale.ROOT);
			if (word.equals("y") || word.equals("yes")) {
				return Decision.APPROVED;
			}
			if (word.equals("n") || word.equals("no")) {
				return Decision.DENIED;
			}
			this.out.println("Type y to approve or n to deny.");
		}
	}

	/**
	 * Asks for the number shown where the customer signed in; whatever is typed is sent,
	 * the server decides whether it is the right one.
	 */
	private @Nullable String askNumber(PendingRequest request) throws IOException {
		while (true) {
			this.out.print("Type the number shown where you signed in ("
					+ Printable.clean(String.join(", ", request.numberChoices())) + "): ");
			this.out.flush();
			String line = this.in.readLine();
			if (line == null) {
				this.out.println();
				return null;
			}
			if (!line.isBlank()) {
				return line.strip();
			}
		}
	}

	private void send(PendingRequest request, Choice choice) {
		ServerAnswer answer = this.phone.answer(request, choice.decision(), choice.number());
		this.answered++;
		String verb = (choice.decision() == Decision.APPROVED) ? "Approved" : "Denied";
		if (answer.isSuccessful()) {
			this.out.println(verb + " request " + Printable.clean(request.pushId()) + ".");
		}
		else {
			this.out.println("The server refused the answer to request " + Printable.clean(request.pushId()) + ": "
					+ Printable.clean(new ServerRefusedException(answer).getMessage()));
		}
	}

	private boolean timedOut() {
		if (this.options.count() > 0) {
			this.out.println("Timed out after " + this.answered + " of " + this.options.count() + " answers.");
			return false;
		}
		this.out.println("Timed out; stopped watching.");
		return true;
	}

	private static String describe(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : millis + " ms";
	}

	private void sleep(Duration wait) throws IOException {
		try {
			this.pause.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while watching");
		}
	}

	/**
	 * How to watch.
	 *
	 * @param interval the pause between two polls
	 * @param auto the answer to give every new request without asking, or {@code null} to
	 * ask the user
	 * @param number with {@code auto}: the number sent for requests that ask for one, or
	 * {@code null} to send none
	 * @param count stop after this many answers; {@code 0} for no limit
	 * @param timeout stop after this long, or {@code null} for no limit
	 */
	record Options(Duration interval, @Nullable Decision auto, @Nullable String number, int count,
			@Nullable Duration timeout) {
	}

	/**
	 * Waits between two polls; tests pass one that moves their clock instead.
	 */
	@FunctionalInterface
	interface Pause {

		void sleep(Duration duration) throws InterruptedException;

	}

	private record Choice(Decision decision, @Nullable String number) {
	}

	private enum Outcome {

		GO_ON, COUNT_REACHED, INPUT_ENDED

	}

}
