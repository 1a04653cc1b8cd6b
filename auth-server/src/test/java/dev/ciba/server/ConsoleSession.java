package dev.ciba.server;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser-like session on the operator console (or the portal): cookies kept, redirects
 * not followed.
 */
final class ConsoleSession {

	static final String OPERATOR = "test-operator";

	static final String OPERATOR_PASSWORD = "test-operator-password";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String baseUrl;

	private final HttpClient http;

	private ConsoleSession(String baseUrl) {
		this.baseUrl = baseUrl;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	static ConsoleSession anonymous(String baseUrl) {
		return new ConsoleSession(baseUrl);
	}

	static ConsoleSession operator(String baseUrl) throws Exception {
		ConsoleSession session = new ConsoleSession(baseUrl);
		HttpResponse<String> login = session.logIn("/console/login", OPERATOR, OPERATOR_PASSWORD);
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/console/clients"));
		return session;
	}

	/**
	 * Posts a login form (with the CSRF token of the login page) and returns the answer.
	 */
	HttpResponse<String> logIn(String loginPage, String username, String password) throws Exception {
		return post(loginPage, Map.of("username", username, "password", password), loginPage);
	}

	HttpResponse<String> get(String path) throws Exception {
		return get(path, "en");
	}

	HttpResponse<String> get(String path, String language) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Accept-Language", language)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Posts a form, with the CSRF token of {@code csrfPage}, or with none when it is
	 * {@code null}.
	 */
	HttpResponse<String> post(String path, Map<String, String> form, String csrfPage) throws Exception {
		Map<String, String> fields = new LinkedHashMap<>(form);
		if (csrfPage != null) {
			fields.put("_csrf", csrf(csrfPage));
		}
		return this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(CibaTestClient.form(fields)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Posts an encoded form body as it is, with the CSRF token of {@code csrfPage} added.
	 */
	HttpResponse<String> postEncoded(String path, String body, String csrfPage) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body + "&_csrf=" + CibaTestClient.encode(csrf(csrfPage))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	String csrf(String page) throws Exception {
		HttpResponse<String> response = get(page);
		Matcher matcher = CSRF.matcher(response.body());
		assertThat(matcher.find()).as("a CSRF field on " + page).isTrue();
		return matcher.group(1);
	}

}
