package dev.ciba.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The words of one command line: a command and its options, {@code --name value},
 * {@code --name=value} or a bare flag.
 */
final class CommandLine {

	private static final Set<String> VALUE_OPTIONS = Set.of("--state", "--qr", "--json", "--json-file", "--name",
			"--model", "--key-type", "--device-token", "--push-id", "--number");

	private static final Set<String> FLAGS = Set.of("--force", "--help");

	private final @Nullable String command;

	private final Map<String, String> values;

	private final Set<String> flags;

	private CommandLine(@Nullable String command, Map<String, String> values, Set<String> flags) {
		this.command = command;
		this.values = values;
		this.flags = flags;
	}

	static CommandLine parse(String[] args) throws UsageException {
		Deque<String> words = new ArrayDeque<>(List.of(args));
		String command = null;
		Map<String, String> values = new HashMap<>();
		Set<String> flags = new HashSet<>();
		while (!words.isEmpty()) {
			String word = words.removeFirst();
			String name = optionName(word);
			if (FLAGS.contains(word)) {
				flags.add(word);
			}
			else if (VALUE_OPTIONS.contains(name)) {
				String value = name.equals(word) ? nextValue(words, name) : word.substring(name.length() + 1);
				if (values.put(name, value) != null) {
					throw new UsageException(name + " is given twice");
				}
			}
			else if (word.startsWith("-")) {
				throw new UsageException("unknown option " + word);
			}
			else if (command == null) {
				command = word;
			}
			else {
				throw new UsageException("unexpected word " + word + " after the command " + command);
			}
		}
		return new CommandLine(command, values, flags);
	}

	private static String optionName(String word) {
		int equals = word.indexOf('=');
		return (word.startsWith("--") && equals > 0) ? word.substring(0, equals) : word;
	}

	private static String nextValue(Deque<String> words, String option) throws UsageException {
		if (words.isEmpty()) {
			throw new UsageException(option + " needs a value");
		}
		return words.removeFirst();
	}

	@Nullable String command() {
		return this.command;
	}

	boolean has(String flag) {
		return this.flags.contains(flag);
	}

	@Nullable String value(String option) {
		return this.values.get(option);
	}

	String value(String option, String fallback) {
		return this.values.getOrDefault(option, fallback);
	}

	/**
	 * Refuses options the command does not take; {@code --state} and {@code --help} are
	 * always allowed.
	 */
	void allowOnly(String... options) throws UsageException {
		Set<String> allowed = new HashSet<>(Set.of(options));
		allowed.add("--state");
		allowed.add("--help");
		for (String given : given()) {
			if (!allowed.contains(given)) {
				throw new UsageException(given + " does not apply to " + this.command);
			}
		}
	}

	private Set<String> given() {
		Set<String> given = new HashSet<>(this.values.keySet());
		given.addAll(this.flags);
		return given;
	}

	/**
	 * A command line that does not make sense; the message says why.
	 */
	static final class UsageException extends Exception {

		UsageException(String message) {
			super(message);
		}

	}

}
