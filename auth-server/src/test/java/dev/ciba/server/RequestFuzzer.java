package dev.ciba.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * Makes malformed variants of well-formed requests from a seeded {@link Random}: the same
 * seed gives the same requests. Every variant breaks its request in at least one way that
 * the endpoint must refuse.
 */
final class RequestFuzzer {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String NESTED = "@@nested@@";

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

	private static final String[] WRONG_CONTENT_TYPES = { "text/plain", "application/json",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", "application/xml", "",
			"application/json; charset=UTF-16", "*/*", "application/x-www-form-urlencoded; charset=x-unknown" };

	private static final String[] INVALID_UTF8 = { "%C3%28", "%FF", "%ED%A0%80", "%F8%88%80%80%80", "%C0%AF", "%E2%82",
			"%F4%90%80%80" };

	private static final String[] CONTROL = { "%00", "%01", "%0A", "%0D%0A", "%1B", "%7F", "%C2%85", "%E2%80%A8",
			"%EF%BF%BF" };

	private static final String[] BAD_ESCAPES = { "%G1", "%", "%%", "%E2%8", "%u0041", "+%2" };

	private static final String[] NOT_A_STRING = { "[\"a\",\"b\"]", "{\"a\":1}", "1e999", "-1", "NaN", "0x10", "true",
			"null", "\u0661\u0662", "9".repeat(40) };

	private static final Object[] JSON_NOT_A_STRING = { 12345, -1, 1.5e300, List.of("a", "b"), Map.of("a", 1), true,
			List.of(), Map.of() };

	private final Random random;

	private final List<byte[]> publicKeyBytes;

	/**
	 * @param seed the seed of every choice
	 * @param publicKeyBytes public keys (device keys, the server's JWKS) to use as HMAC
	 * secrets
	 */
	RequestFuzzer(long seed, List<byte[]> publicKeyBytes) {
		this.random = new Random(seed);
		this.publicKeyBytes = publicKeyBytes;
	}

	/**
	 * An endpoint and a request it would accept (or answer in the normal way), in parts
	 * the fuzzer can change.
	 *
	 * @param name for the report
	 * @param api whether answers must be JSON errors (the portal answers HTML)
	 * @param base the request line and headers; its body is made from {@code form} or
	 * {@code json}
	 * @param form the form parameters of a form request, else empty
	 * @param json the members of a JSON request, else {@code null}
	 * @param jwtFields parameters, members or {@code Authorization} whose value is a JWT
	 * @param mustBreak parameters that every variant changes or drops, because the base
	 * request would otherwise succeed (for example the CSRF token of a portal form)
	 */
	record Target(String name, boolean api, RawHttp.Request base, List<Map.Entry<String, String>> form,
			Map<String, Object> json, Set<String> jwtFields, Set<String> mustBreak) {

	}

	/**
	 * A malformed request and what was done to it.
	 *
	 * @param request the request
	 * @param description the mutations, for the report
	 * @param framing whether the HTTP framing is broken, so that the server may close the
	 * connection without an answer
	 */
	record Fuzzed(RawHttp.Request request, String description, boolean framing) {

	}

	Fuzzed next(Target target) {
		List<Map.Entry<String, String>> form = new ArrayList<>(target.form());
		Map<String, Object> json = (target.json() != null) ? new LinkedHashMap<>(target.json()) : null;
		RawHttp.Request request = target.base();
		List<String> done = new ArrayList<>();
		for (String field : target.mustBreak()) {
			if (target.jwtFields().contains(field)) {
				request = mutateJwtField(field, form, json, request, done);
			}
			else if (json != null) {
				done.add(breakMember(json, field));
			}
			else {
				done.add(breakField(form, field));
			}
		}
		int mutations = 1 + this.random.nextInt(2);
		for (int i = 0; i < mutations; i++) {
			int pick = this.random.nextInt(20);
			if (pick < 3 && !target.jwtFields().isEmpty()) {
				String field = pickOne(new ArrayList<>(target.jwtFields()));
				request = mutateJwtField(field, form, json, request, done);
			}
			else if (json != null) {
				done.add(mutateJson(json));
			}
			else if (!form.isEmpty() || target.base().method().equals("POST")) {
				done.add(mutateForm(form));
			}
			else {
				request = request
					.target(request.target() + pickOne(List.of("?%00", "?a=%FF", "/%2e%2e/x", "?x=1&x=2")));
				done.add("query");
			}
		}
		request = request.body((json != null) ? renderJson(json) : renderForm(form));
		if (json != null) {
			request = byteLevelJson(request, done);
		}
		else if (!form.isEmpty() && this.random.nextInt(6) == 0) {
			request = request.body(insertRawByte(request.body()));
			done.add("raw byte in form");
		}
		return framing(request, done);
	}

	private String breakField(List<Map.Entry<String, String>> form, String field) {
		int index = indexOf(form, field);
		if (index < 0) {
			return "no " + field;
		}
		String value = form.get(index).getValue();
		return switch (this.random.nextInt(3)) {
			case 0 -> {
				form.remove(index);
				yield "dropped " + field;
			}
			case 1 -> {
				form.set(index, Map.entry(field, flipCharacter(value)));
				yield "tampered " + field;
			}
			default -> {
				form.set(index, Map.entry(field, ""));
				yield "empty " + field;
			}
		};
	}

	private String breakMember(Map<String, Object> json, String member) {
		Object value = json.get(member);
		return switch (this.random.nextInt(3)) {
			case 0 -> {
				json.remove(member);
				yield "dropped " + member;
			}
			case 1 -> {
				json.put(member, flipCharacter(String.valueOf(value)));
				yield "tampered " + member;
			}
			default -> {
				json.put(member, "");
				yield "empty " + member;
			}
		};
	}

	private String mutateForm(List<Map.Entry<String, String>> form) {
		int pick = this.random.nextInt(12);
		if (form.isEmpty() || pick == 0) {
			form.clear();
			form.add(Map.entry(pickOne(List.of("", "=", "a", "%00")), pickOne(List.of("", "%FF", "x"))));
			return "body replaced";
		}
		int index = this.random.nextInt(form.size());
		String name = form.get(index).getKey();
		String value = form.get(index).getValue();
		return switch (pick) {
			case 1 -> {
				form.add(this.random.nextInt(form.size() + 1),
						Map.entry(name, this.random.nextBoolean() ? value : "x"));
				yield "repeated " + name;
			}
			case 2 -> {
				form.set(index, Map.entry(name, hugeValue()));
				yield "huge " + name;
			}
			case 3 -> {
				form.set(index, Map.entry(name, insert(value, pickOne(INVALID_UTF8))));
				yield "invalid UTF-8 in " + name;
			}
			case 4 -> {
				form.set(index, Map.entry(name, insert(value, pickOne(CONTROL))));
				yield "control character in " + name;
			}
			case 5 -> {
				form.set(index, Map.entry(name, insert(value, pickOne(BAD_ESCAPES))));
				yield "bad escape in " + name;
			}
			case 6 -> {
				form.set(index, Map.entry(name, CibaTestClient.encode(pickOne(NOT_A_STRING))));
				yield "not a string in " + name;
			}
			case 7 -> {
				form.set(index, Map.entry(name + pickOne(List.of("[]", "[0]", ".a", "%00", "%FF")), value));
				yield "bad name " + name;
			}
			case 8 -> {
				form.remove(index);
				yield "dropped " + name;
			}
			case 9 -> {
				for (int i = 0; i < 1500; i++) {
					form.add(Map.entry("p" + i, "v"));
				}
				yield "1500 extra parameters before a repeated " + name;
			}
			case 10 -> {
				form.set(index, Map.entry(name, "%20" + value + "%09"));
				form.add(Map.entry(name, ""));
				yield "padded and repeated empty " + name;
			}
			default -> {
				form.clear();
				yield "empty body";
			}
		};
	}

	private String mutateJson(Map<String, Object> json) {
		int pick = this.random.nextInt(9);
		if (json.isEmpty() || pick == 0) {
			json.clear();
			json.put(pickOne(List.of("", "a", "\u0000")), pickOne(List.of("", "x", 1)));
			return "members replaced";
		}
		String name = pickOne(new ArrayList<>(json.keySet()));
		Object value = json.get(name);
		return switch (pick) {
			case 1 -> {
				json.put(name, JSON_NOT_A_STRING[this.random.nextInt(JSON_NOT_A_STRING.length)]);
				yield "not a string in " + name;
			}
			case 2 -> {
				json.put(name, nested(pickOne(List.of(40, 600, 3000))));
				yield "nested " + name;
			}
			case 3 -> {
				json.put(name, hugeValue());
				yield "huge " + name;
			}
			case 4 -> {
				json.put(name,
						String.valueOf(value) + pickOne(List.of("\u0000", "\u001b", "\ud800", "\u2028", "\r\n")));
				yield "control character in " + name;
			}
			case 5 -> {
				json.remove(name);
				yield "dropped " + name;
			}
			case 6 -> {
				json.put(name, null);
				yield "null " + name;
			}
			case 7 -> {
				json.put(name, "");
				yield "empty " + name;
			}
			default -> {
				json.put(name, " " + value);
				json.put(name + "\u0000", value);
				yield "padded " + name;
			}
		};
	}

	/**
	 * Mutations that only the bytes can express: repeated members, truncation, invalid
	 * UTF-8, another top-level value, an empty body.
	 */
	private RawHttp.Request byteLevelJson(RawHttp.Request request, List<String> done) {
		byte[] body = request.body();
		String text = new String(body, StandardCharsets.UTF_8);
		switch (this.random.nextInt(10)) {
			case 0 -> {
				done.add("truncated JSON");
				return request.body(java.util.Arrays.copyOf(body, this.random.nextInt(Math.max(1, body.length))));
			}
			case 1 -> {
				done.add("repeated member");
				int colon = text.indexOf(':');
				int comma = text.indexOf(',');
				String first = (colon > 0 && comma > colon) ? text.substring(1, comma) : "\"a\":1";
				return request.body("{" + first + "," + text.substring(1));
			}
			case 2 -> {
				done.add("invalid UTF-8 bytes in JSON");
				return request.body(insertRawByte(body));
			}
			case 3 -> {
				done.add("top-level value not an object");
				return request.body(pickOne(List.of("[" + text + "]", "\"" + text.replace("\"", "'") + "\"", "42",
						"null", "1e99999", "{\"a\":" + "[".repeat(100_000))));
			}
			case 4 -> {
				done.add("trailing data");
				return request.body(text + pickOne(List.of("}", " x", "{}", "\u0000")));
			}
			default -> {
				return request;
			}
		}
	}

	private RawHttp.Request mutateJwtField(String field, List<Map.Entry<String, String>> form, Map<String, Object> json,
			RawHttp.Request request, List<String> done) {
		if (field.equals("Authorization")) {
			String header = request.headerValue("Authorization").orElse("Bearer a.b.c");
			String scheme = header.substring(0, header.indexOf(' ') + 1);
			String jwt = header.substring(scheme.length());
			String mutated = mutateJwt(jwt, done);
			return switch (this.random.nextInt(6)) {
				case 0 -> {
					done.add("repeated Authorization");
					yield request.header("Authorization", scheme + mutated);
				}
				case 1 -> {
					done.add("other scheme");
					yield request.replaceHeader("Authorization",
							pickOne(List.of("bearer", "Basic ", "Bearer  ", "Token ", "Bearer\t")) + mutated);
				}
				default -> request.replaceHeader("Authorization", scheme + mutated);
			};
		}
		if (json != null && json.get(field) instanceof String jwt) {
			json.put(field, mutateJwt(jwt, done));
		}
		else {
			int index = indexOf(form, field);
			if (index >= 0) {
				form.set(index, Map.entry(field, mutateJwt(form.get(index).getValue(), done)));
			}
		}
		return request;
	}

	/**
	 * A broken variant of a compact JWS: truncated, a bit flipped, the signature dropped,
	 * {@code alg} none, HS256 with a public key as the secret, a header or payload that
	 * is not a JSON object of the right shape.
	 */
	String mutateJwt(String jwt, List<String> done) {
		String[] parts = (jwt + " ").split("\\.", -1);
		if (parts.length != 3) {
			done.add("not a JWT");
			return jwt + ".";
		}
		String header = parts[0];
		String payload = parts[1];
		String signature = parts[2].strip();
		return switch (this.random.nextInt(11)) {
			case 0 -> {
				done.add("truncated JWT");
				yield jwt.substring(0, this.random.nextInt(jwt.length()));
			}
			case 1 -> {
				done.add("bit flipped in the signature");
				yield header + "." + payload + "." + flipCharacter(signature);
			}
			case 2 -> {
				done.add("bit flipped in the payload");
				yield header + "." + flipCharacter(payload) + "." + signature;
			}
			case 3 -> {
				done.add("signature dropped");
				yield header + "." + payload + (this.random.nextBoolean() ? "." : "");
			}
			case 4 -> {
				done.add("alg none");
				String none = withAlgorithm(header, pickOne(List.of("none", "None", "NONE")));
				yield none + "." + payload + ".";
			}
			case 5, 6 -> {
				done.add("HS256 with a public key as the secret");
				String hs = withAlgorithm(header, "HS256");
				yield hs + "." + payload + "." + hmac(hs + "." + payload, pickOne(this.publicKeyBytes));
			}
			case 7 -> {
				done.add("header of the wrong shape");
				String bad = pickOne(List.of("{", "[]", "{\"alg\":[\"RS256\"]}", "{\"alg\":1}", "\"RS256\"",
						"{\"alg\":\"RS256\",\"deviceId\":{\"a\":1},\"did\":[1]}",
						"{\"alg\":\"RS256\",\"crit\":[\"exp\"],\"exp\":1}",
						"{\"alg\":\"RS256\",\"kid\":\"" + "k".repeat(10_000) + "\"}",
						"{\"alg\":\"RS256\",\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}"));
				yield encode(bad) + "." + payload + "." + signature;
			}
			case 8 -> {
				done.add("payload of the wrong shape");
				String bad = pickOne(List.of("not json", "[1,2]", "{\"exp\":\"soon\",\"iat\":[],\"jti\":{}}",
						"{\"exp\":1e999,\"iat\":-9223372036854775809}",
						"{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001),
						"{\"purpose\":7,\"pushAuthId\":false,\"response\":{}}"));
				yield header + "." + encode(bad) + "." + signature;
			}
			case 9 -> {
				done.add("extra segments");
				yield jwt + "." + signature + "." + payload;
			}
			default -> {
				done.add("characters outside base64url in the JWT");
				yield insert(jwt, pickOne(List.of("+", "/", "=", " ", "\u00e9", "\u0000", "%")));
			}
		};
	}

	private Fuzzed framing(RawHttp.Request request, List<String> done) {
		int pick = this.random.nextInt(40);
		switch (pick) {
			case 0 -> {
				done.add("Content-Length longer than the body");
				return new Fuzzed(request.replaceHeader("Content-Length", String.valueOf(request.body().length + 50))
					.closingAfterSending(), String.join(", ", done), true);
			}
			case 1 -> {
				done.add("two Content-Length headers");
				return new Fuzzed(
						request.header("Content-Length", String.valueOf(request.body().length))
							.header("Content-Length", String.valueOf(request.body().length + 1)),
						String.join(", ", done), true);
			}
			case 2 -> {
				done.add("broken chunked encoding");
				return new Fuzzed(request.header("Transfer-Encoding", "chunked").body("zz\r\n" + request.bodyText()),
						String.join(", ", done), true);
			}
			case 3 -> {
				done.add("another method");
				String method = pickOne(List.of("GET", "PUT", "DELETE", "PATCH"));
				return new Fuzzed(
						new RawHttp.Request(method, request.target(), request.headers(), request.body(), false),
						String.join(", ", done), false);
			}
			case 4, 5 -> {
				done.add("content type changed");
				return new Fuzzed(request.replaceHeader("Content-Type", pickOne(WRONG_CONTENT_TYPES)),
						String.join(", ", done), false);
			}
			case 6 -> {
				done.add("content type removed");
				return new Fuzzed(request.withoutHeader("Content-Type"), String.join(", ", done), false);
			}
			default -> {
				return new Fuzzed(request, String.join(", ", done), false);
			}
		}
	}

	private String withAlgorithm(String header, String algorithm) {
		Map<String, Object> members = new LinkedHashMap<>();
		try {
			JSON.readTree(BASE64URL_DECODER.decode(header))
				.properties()
				.forEach((member) -> members.put(member.getKey(), member.getValue()));
		}
		catch (RuntimeException ex) {
			// A header that is not base64url JSON gets a fresh one.
		}
		members.put("alg", algorithm);
		return encode(JSON.writeValueAsString(members));
	}

	private static String hmac(String signingInput, byte[] secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return BASE64URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String json) {
		return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private String hugeValue() {
		int length = pickOne(List.of(300, 2_000, 20_000, 70_000));
		return String.valueOf((char) ('a' + this.random.nextInt(26))).repeat(length);
	}

	/**
	 * A placeholder that {@link #renderJson} replaces with arrays and objects nested
	 * {@code depth} deep (deeper than a JSON writer would write).
	 */
	private static String nested(int depth) {
		return NESTED + depth + NESTED;
	}

	private static String nestedJson(int depth) {
		StringBuilder open = new StringBuilder();
		StringBuilder close = new StringBuilder();
		for (int i = 0; i < depth; i++) {
			open.append((i % 2 == 0) ? "[" : "{\"a\":");
			close.insert(0, (i % 2 == 0) ? "]" : "}");
		}
		return open + "\"x\"" + close;
	}

	private String flipCharacter(String value) {
		if (value.isEmpty()) {
			return "A";
		}
		char[] chars = value.toCharArray();
		int index = this.random.nextInt(chars.length);
		chars[index] = (chars[index] == 'A') ? 'B' : 'A';
		return new String(chars);
	}

	private String insert(String value, String inserted) {
		int at = this.random.nextInt(value.length() + 1);
		return value.substring(0, at) + inserted + value.substring(at);
	}

	private byte[] insertRawByte(byte[] body) {
		byte[] bad = pickOne(List.of(new byte[] { (byte) 0xFF }, new byte[] { (byte) 0xC3 },
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { 0 }, new byte[] { (byte) 0x80 }));
		int at = this.random.nextInt(body.length + 1);
		byte[] result = new byte[body.length + bad.length];
		System.arraycopy(body, 0, result, 0, at);
		System.arraycopy(bad, 0, result, at, bad.length);
		System.arraycopy(body, at, result, at + bad.length, body.length - at);
		return result;
	}

	private static byte[] renderForm(List<Map.Entry<String, String>> form) {
		StringBuilder body = new StringBuilder();
		for (Map.Entry<String, String> parameter : form) {
			if (!body.isEmpty()) {
				body.append('&');
			}
			body.append(parameter.getKey()).append('=').append(parameter.getValue());
		}
		return body.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] renderJson(Map<String, Object> json) {
		String text = JSON.writeValueAsString(json);
		Matcher placeholder = Pattern.compile("\"" + NESTED + "(\\d+)" + NESTED + "\"").matcher(text);
		return placeholder.replaceAll((match) -> Matcher.quoteReplacement(nestedJson(Integer.parseInt(match.group(1)))))
			.getBytes(StandardCharsets.UTF_8);
	}

	private static int indexOf(List<Map.Entry<String, String>> form, String name) {
		for (int i = 0; i < form.size(); i++) {
			if (form.get(i).getKey().equals(name)) {
				return i;
			}
		}
		return -1;
	}

	private <T> T pickOne(List<T> choices) {
		return choices.get(this.random.nextInt(choices.size()));
	}

	private String pickOne(String[] choices) {
		return choices[this.random.nextInt(choices.length)];
	}

}
