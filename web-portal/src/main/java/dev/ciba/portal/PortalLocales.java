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
 * default locale. A cookie that is malformed or names another language is ignored, as if
 * it were not there: it comes from the browser and must never fail a page nor choose a
 * language the pages do not speak.
 */
final class PortalLocales {

	/** The query parameter of the language links. */
	static final String PARAMETER = "lang";

	static final String COOKIE = "portal-lang";

	static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);

	private PortalLocales() {
	}

	static LocaleResolver resolver() {
		CookieLocaleResolver cookies = new CookieLocaleResolver(COOKIE);
		cookies.setDefaultLocaleFunction(PortalLocales::fromBrowser);
		cookies.setCookieHttpOnly(true);
		cookies.setCookieSameSite("Lax");
		// A malformed cookie is skipped (logged at DEBUG by Spring) instead of failing
		// the page.
		cookies.setRejectInvalidCookies(false);
		return new LocaleResolver() {
			@Override
			public Locale resolveLocale(HttpServletRequest request) {
				Locale match = supported(cookies.resolveLocale(request).getLanguage());
				return (match != null) ? match : fromBrowser(request);
			}

			@Override
			public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
				cookies.setLocale(request, response, locale);
			}
		};
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
