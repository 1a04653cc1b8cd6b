package dev.ciba.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the templates and the message files in step: every key a template uses exists,
 * every key exists for a template, English ({@code messages.properties}) and German
 * ({@code messages_de.properties}) have exactly the same keys, none of them empty, and
 * every message parses.
 */
class MessagesTests {

	private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9.]+)");

	/**
	 * A key a template builds from a prefix:
	 * {@code #messages.msgOrNull('prefix.' + ...)}.
	 */
	private static final Pattern MESSAGE_PREFIX = Pattern.compile("msgOrNull\\('([A-Za-z0-9.]+\\.)'");

	@Test
	void germanWhenLoadedThenHasExactlyTheEnglishKeys() {
		assertThat(german().stringPropertyNames())
			.containsExactlyInAnyOrderElementsOf(messages().stringPropertyNames());
	}

	@Test
	void messagesWhenLoadedThenNoneIsBlankInEitherLanguage() {
		for (Properties bundle : List.of(messages(), german())) {
			assertThat(bundle.stringPropertyNames())
				.allSatisfy((key) -> assertThat(bundle.getProperty(key)).as(key).isNotBlank());
		}
	}

	@Test
	void englishBundleWhenLoadedThenHasNoKeysOfItsOwn() {
		assertThat(load("/messages_en.properties").stringPropertyNames()).isEmpty();
	}

	@Test
	void germanWhenFormattedThenEveryPatternParses() {
		Properties messages = german();

		for (String key : messages.stringPropertyNames()) {
			assertThat(new MessageFormat(messages.getProperty(key), Locale.GERMAN).format(new Object[] { 2 })).as(key)
				.isNotBlank();
		}
	}

	@Test
	void templatesWhenRenderedThenEveryMessageKeyExists() {
		assertThat(messages().stringPropertyNames()).containsAll(keysUsedInTemplates());
	}

	@Test
	void messagesWhenLoadedThenEveryKeyIsUsedByATemplate() {
		Set<String> used = keysUsedInTemplates();
		Set<String> prefixes = prefixesUsedInTemplates();

		assertThat(messages().stringPropertyNames())
			.allSatisfy((key) -> assertThat(used.contains(key) || prefixes.stream().anyMatch(key::startsWith)).as(key)
				.isTrue());
	}

	@Test
	void messagesWhenFormattedThenEveryPatternParses() {
		Properties messages = messages();

		for (String key : messages.stringPropertyNames()) {
			assertThat(new MessageFormat(messages.getProperty(key), Locale.ENGLISH).format(new Object[] { 2 })).as(key)
				.isNotBlank();
		}
	}

	@Test
	void secondsLeftWhenFormattedThenPluralFollowsNumber() {
		MessageFormat format = new MessageFormat(messages().getProperty("portal.registration.secondsLeft"),
				Locale.ENGLISH);

		assertThat(format.format(new Object[] { 0L })).isEqualTo("(expired)");
		assertThat(format.format(new Object[] { 1L })).isEqualTo("(1 second left)");
		assertThat(format.format(new Object[] { 180L })).isEqualTo("(180 seconds left)");
	}

	@Test
	void secondsLeftWhenFormattedInGermanThenPluralFollowsNumber() {
		MessageFormat format = new MessageFormat(german().getProperty("portal.registration.secondsLeft"),
				Locale.GERMAN);

		assertThat(format.format(new Object[] { 0L })).isEqualTo("(abgelaufen)");
		assertThat(format.format(new Object[] { 1L })).isEqualTo("(noch 1 Sekunde)");
		assertThat(format.format(new Object[] { 180L })).isEqualTo("(noch 180 Sekunden)");
	}

	private static Set<String> keysUsedInTemplates() {
		Set<String> keys = new TreeSet<>();
		for (Resource template : templates()) {
			Matcher matcher = MESSAGE_KEY.matcher(read(template));
			while (matcher.find()) {
				keys.add(matcher.group(1));
			}
		}
		return keys;
	}

	private static Set<String> prefixesUsedInTemplates() {
		Set<String> prefixes = new TreeSet<>();
		for (Resource template : templates()) {
			Matcher matcher = MESSAGE_PREFIX.matcher(read(template));
			while (matcher.find()) {
				prefixes.add(matcher.group(1));
			}
		}
		return prefixes;
	}

	private static Resource[] templates() {
		try {
			Resource[] templates = new PathMatchingResourcePatternResolver()
				.getResources("classpath:templates/**/*.html");
			assertThat(Arrays.stream(templates).map(Resource::getFilename)).contains("devices.html", "404.html");
			return templates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Properties messages() {
		return load("/messages.properties");
	}

	private static Properties german() {
		return load("/messages_de.properties");
	}

	private static Properties load(String resource) {
		Properties messages = new Properties();
		try (InputStream in = MessagesTests.class.getResourceAsStream(resource)) {
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
