package dev.ciba.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the OAuth endpoints, as a bank's partner would call them.
 */
final class CibaTestClient {

	static final String DEMO_CLIENT = "demo-client";

	static final String DEMO_SECRET = "demo-client-secret-0123456789abcdef";

	static final String OTHER_CLIENT = "other-client";

	static final String OTHER_SECRET = "other-client-secret-0123456789abcdef";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final String baseUrl;

	CibaTestClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	Answer backchannel(String clientId, String secret, String form) {
		return post("/oauth2/bc-authorize", clientId, secret, form);
	}

	Answer backchannel(String form) {
		return backchannel(DEMO_CLIENT, DEMO_SECRET, form);
	}

	Answer token(String clientId, String secret, String authReqId) {
		return post("/oauth2/token", clientId, secret,
				"grant_type=urn%3Aopenid%3Aparams%3Agrant-type%3Aciba&auth_req_id=" + encode(authReqId));
	}

	Answer token(String authReqId) {
		return token(DEMO_CLIENT, DEMO_SECRET, authReqId);
	}

	Answer post(String path, String clientId, String secret, String form) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		if (clientId != null) {
			request.header("Authorization", basic(clientId, secret));
		}
		return send(request.build());
	}

	Answer send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), response);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String form(Map<String, String> parameters) {
		return parameters.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
	}

	record Answer(int status, String body, HttpResponse<String> response) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String error() {
			return json().path("error").asString();
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

	}

}
