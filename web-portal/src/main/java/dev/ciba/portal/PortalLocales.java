package dev.ciba.portal;

import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/**
 * The languages of the pages: English and German. The language is the one the visitor
 * chose with the {@value #PARAMETER} link in the page header (kept in a cookie), or else
 * the first of the browser's languages that the pages speak, or else English. Only these
 * two can be chosen, so that a request can never make the server fall back to its own
 * default locale.
 */
final class PortalLocales {

	/** The query parameter of the language links. */
	static final String PARAMETER = "lang";

	static final String COOKIE = "portal-lang";

	static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

	private PortalLocales() {
	}

	static LocaleResolver resolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
		resolver.setDefaultLocaleFunction(PortalLocales::fromBrowser);
		resolver.setCookieHttpOnly(true);
		resolver.setCookieSameSite("Lax");
		resolver.setRejectInvalidCookies(true);
		return resolver;
	}

	static HandlerInterceptor switcher(LocaleResolver resolver) {
		return new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				Locale chosen = supported(chosenLanguage(request.getQueryString()));
				if (chosen != null) {
					resolver.setLocale(request, response, chosen);
				}
				return true;
			}
		};
	}

	// Reads the choice from the query string itself: getParameter would parse a form body
	// too, and fail on a malformed one before the endpoint could refuse it properly.
	private static String chosenLanguage(String query) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith(PARAMETER + "=")) {
				return pair.substring(PARAMETER.length() + 1);
			}
		}
		return null;
	}

	private static Locale fromBrowser(HttpServletRequest request) {
		for (Locale locale : Collections.list(request.getLocales())) {
			Locale match = supported(locale.getLanguage());
			if (match != null) {
				return match;
			}
		}
		return Locale.ENGLISH;
	}

	private static Locale supported(String language) {
		if (language == null) {
			return null;
		}
		return SUPPORTED.stream().filter((locale) -> locale.getLanguage().equals(language)).findFirst().orElse(null);
	}

}
