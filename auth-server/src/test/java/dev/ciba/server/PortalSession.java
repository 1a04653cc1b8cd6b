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
 * A browser-like session on the portal: cookies kept, redirects not followed.
 */
final class PortalSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final String baseUrl;

	private final HttpClient http;

	private PortalSession(String baseUrl) {
		this.baseUrl = baseUrl;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	static PortalSession anonymous(String baseUrl) {
		return new PortalSession(baseUrl);
	}

	/**
	 * Logs a customer made by {@link CustomerFlowIntegrationTest#newCustomer()} in.
	 */
	static PortalSession logIn(String baseUrl, String username) throws Exception {
		PortalSession portal = new PortalSession(baseUrl);
		String csrf = portal.csrf("/portal/login");
		HttpResponse<String> login = portal.send(portal.request("/portal/login")
			.POST(HttpRequest.BodyPublishers.ofString(CibaTestClient
				.form(Map.of("username", username, "password", CustomerFlowIntegrationTest.PASSWORD, "_csrf", csrf))))
			.build());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/portal/devices"));
		return portal;
	}

	/**
	 * Posts with the CSRF token of the given page, or with none.
	 */
	HttpResponse<String> post(String path, String csrfPage) throws Exception {
		return post(path, csrfPage, Map.of());
	}

	/**
	 * Posts a form with the CSRF token of the given page, or with none.
	 */
	HttpResponse<String> post(String path, String csrfPage, Map<String, String> fields) throws Exception {
		Map<String, String> form = new LinkedHashMap<>(fields);
		if (csrfPage != null) {
			form.put("_csrf", csrf(csrfPage));
		}
		return send(request(path).POST(HttpRequest.BodyPublishers.ofString(CibaTestClient.form(form))).build());
	}

	/**
	 * Posts an encoded form body as it is, with the CSRF token of the given page added.
	 */
	HttpResponse<String> postEncoded(String path, String csrfPage, String body) throws Exception {
		String form = body + "&_csrf=" + CibaTestClient.encode(csrf(csrfPage));
		return send(request(path).POST(HttpRequest.BodyPublishers.ofString(form)).build());
	}

	/**
	 * Gets a page.
	 */
	HttpResponse<String> get(String path) throws Exception {
		return send(request(path).GET().build());
	}

	private String csrf(String page) throws Exception {
		HttpResponse<String> response = send(request(page).GET().build());
		Matcher matcher = CSRF.matcher(response.body());
		assertThat(matcher.find()).as("a CSRF field on " + page).isTrue();
		return matcher.group(1);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded");
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
