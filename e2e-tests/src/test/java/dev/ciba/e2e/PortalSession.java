package dev.ciba.e2e;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.oauth2.sdk.util.JSONObjectUtils;
import dev.ciba.simulator.DiscoveryData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's portal session over plain HTTP, without a browser: the form login with its
 * CSRF token, then what the portal's pages do with the session (the QR code's discovery
 * data, a {@code login_hint_token}). The browser tests cover the pages themselves.
 */
final class PortalSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private PortalSession(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Logs in through the login form and checks that the portal sends the customer on to
	 * the devices page.
	 */
	static PortalSession logIn(String baseUrl, String username, String password) throws IOException {
		PortalSession session = new PortalSession(baseUrl);
		String token = session.csrfTokenOf("/portal/login");
		HttpResponse<String> login = session.postForm("/portal/login",
				"username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(token));
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location")).hasValue(baseUrl + "/portal/devices");
		return session;
	}

	/**
	 * What the portal puts into a new phone registration's QR code.
	 */
	DiscoveryData discoveryData() throws IOException {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.baseUrl + "/t/default/api/users/v1/me/push/discovery-data"))
					.GET());
		assertThat(response.statusCode()).isEqualTo(200);
		return DiscoveryData.parse(response.body());
	}

	/**
	 * Mints a {@code login_hint_token} for the logged-in customer.
	 */
	String loginHintToken() throws IOException {
		String token = csrfTokenOf("/portal/devices");
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.baseUrl + "/portal/login-hint-token"))
					.header("X-CSRF-TOKEN", token)
					.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).isEqualTo(200);
		try {
			return JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "login_hint_token");
		}
		catch (com.nimbusds.oauth2.sdk.ParseException ex) {
			throw new AssertionError("Not a login_hint_token answer: " + response.body(), ex);
		}
	}

	/**
	 * Sets (or replaces) the customer's user code through the portal's form, and checks
	 * that the portal took it.
	 */
	void setUserCode(String code) throws IOException {
		String token = csrfTokenOf("/portal/user-code");
		HttpResponse<String> saved = postForm("/portal/user-code",
				"newCode=" + encode(code) + "&confirmation=" + encode(code) + "&_csrf=" + encode(token));
		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(saved.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/portal/user-code"));
	}

	private String csrfTokenOf(String page) throws IOException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.baseUrl + page)).GET());
		assertThat(response.statusCode()).isEqualTo(200);
		Matcher token = CSRF.matcher(response.body());
		assertThat(token.find()).as("a CSRF token on " + page).isTrue();
		return token.group(1);
	}

	private HttpResponse<String> postForm(String path, String form) throws IOException {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while talking to the portal");
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
