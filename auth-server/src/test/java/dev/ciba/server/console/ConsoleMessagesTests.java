package dev.ciba.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ciba.push.audit.DeviceEventType;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the console's templates and its two message bundles in step: every key a template
 * or the console's code uses exists in English and in German, both bundles have the same
 * keys, every key is used, and every message parses.
 */
class ConsoleMessagesTests {

	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9.]+)");

	/**
	 * Keys that templates build from a value ({@code #{console.mode.__${mode}__}}), by
	 * prefix, with every value they can take.
	 */
	private static final Map<String, List<String>> BUILT_KEYS = Map.of("console.mode.", List.of("poll", "ping", "push"),
			"console.request.", List.of("PENDING", "APPROVED", "DENIED", "EXPIRED", "REDEEMED"), "console.event.",
			Arrays.stream(DeviceEventType.values()).map(Enum::name).toList(), "console.delivery.",
			List.of("DUE", "FAILED"), "console.push.", List.of("PENDING", "FAILED"), "console.error.",
			List.of("400.title", "400.text", "403.title", "403.text", "404.title", "404.text", "405.title", "405.text",
					"other.title", "other.text"));

	/** Keys the console's Java code uses (error codes of the client form). */
	private static final Set<String> CODE_KEYS = Set.of("console.client.error.invalid", "console.client.error.hints",
			"console.client.error.unknownHint");

	@Test
	void templatesWhenRenderedThenEveryKeyExistsInEnglishAndGerman() {
		Set<String> used = keysUsed();

		assertThat(messages("/console-messages.properties").stringPropertyNames()).containsAll(used);
		assertThat(messages("/console-messages_de.properties").stringPropertyNames()).containsAll(used);
	}

	@Test
	void bundlesWhenComparedThenTheyHaveTheSameKeys() {
		assertThat(messages("/console-messages_de.properties").stringPropertyNames())
			.containsExactlyInAnyOrderElementsOf(messages("/console-messages.properties").stringPropertyNames());
	}

	@Test
	void messagesWhenLoadedThenEveryKeyIsUsed() {
		assertThat(keysUsed()).containsAll(messages("/console-messages.properties").stringPropertyNames());
	}

	@Test
	void messagesWhenFormattedThenEveryPatternParsesAndGermanDiffers() {
		Properties english = messages("/console-messages.properties");
		Properties german = messages("/console-messages_de.properties");

		for (String key : english.stringPropertyNames()) {
			assertThat(new MessageFormat(english.getProperty(key), Locale.ENGLISH).format(new Object[] { 2 })).as(key)
				.isNotBlank();
			assertThat(new MessageFormat(german.getProperty(key), Locale.GERMAN).format(new Object[] { 2 })).as(key)
				.isNotBlank();
		}
		assertThat(german.getProperty("console.nav.customers")).isEqualTo("Kunden");
	}

	private static Set<String> keysUsed() {
		Set<String> keys = new TreeSet<>(CODE_KEYS);
		for (Resource template : templates()) {
			Matcher matcher = MESSAGE_KEY.matcher(read(template));
			while (matcher.find()) {
				String key = matcher.group(1);
				if (key.endsWith(".")) {
					assertThat(BUILT_KEYS).as("values of the built key " + key).containsKey(key);
					BUILT_KEYS.get(key).forEach((value) -> keys.add(key + value));
				}
				else {
					keys.add(key);
				}
			}
		}
		return keys;
	}

	private static Resource[] templates() {
		try {
			Resource[] templates = new PathMatchingResourcePatternResolver()
				.getResources("classpath:templates/console/*.html");
			assertThat(Arrays.stream(templates).map(Resource::getFilename)).contains("client.html", "error.html",
					"customer.html", "deliveries.html");
			return templates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Properties messages(String name) {
		Properties messages = new Properties();
		try (InputStream in = ConsoleMessagesTests.class.getResourceAsStream(name)) {
			assertThat(in).as(name).isNotNull();
			messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return messages;
	}

	private static String read(Resource resource) {
		try {
			return resource.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
