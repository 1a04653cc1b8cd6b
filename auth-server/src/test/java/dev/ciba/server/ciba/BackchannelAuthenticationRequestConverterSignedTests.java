package dev.ciba.server.ciba;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.ciba.server.hint.Hint;
import dev.ciba.server.hint.HintType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static dev.ciba.server.ciba.TestRequestObjects.CLIENT_RSA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The signed path of {@link BackchannelAuthenticationRequestConverter}: parsing the
 * {@code request} parameter, and reading parameters from a request object's claims.
 */
class BackchannelAuthenticationRequestConverterSignedTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private final BackchannelAuthenticationRequestConverter converter = new BackchannelAuthenticationRequestConverter();

	@Test
	void convertWhenRequestIsASignedJwtThenTheUnverifiedRequestObject() {
		String jwt = TestRequestObjects
			.sign(JWSAlgorithm.PS256, CLIENT_RSA, TestRequestObjects.claims("c", NOW).build())
			.serialize();
		MockHttpServletRequest request = form(Map.of("request", jwt, "client_id", "c"));
		request.setRemoteAddr("192.0.2.9");

		ParsedBackchannelRequest parsed = this.converter.convert(request);

		assertThat(parsed).isInstanceOf(SignedBackchannelRequest.class);
		assertThat(((SignedBackchannelRequest) parsed).requestObject().serialize()).isEqualTo(jwt);
		assertThat(parsed.ipAddress()).isEqualTo("192.0.2.9");
	}

	@Test
	void convertWhenRequestIsUnsecuredThenInvalidRequest() {
		String unsigned = new PlainJWT(TestRequestObjects.claims("c", NOW).build()).serialize();

		assertRefused(form(Map.of("request", unsigned)), "invalid_request", "must be signed");
	}

	@Test
	void convertWhenRequestIsEncryptedThenInvalidRequest() throws JOSEException {
		EncryptedJWT encrypted = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM),
				TestRequestObjects.claims("c", NOW).build());
		encrypted.encrypt(new RSAEncrypter(CLIENT_RSA.toRSAPublicKey()));

		assertRefused(form(Map.of("request", encrypted.serialize())), "invalid_request", "Encrypted");
	}

	@Test
	void convertWhenRequestIsNotAJwtThenInvalidRequest() {
		assertRefused(form(Map.of("request", "not.a-jwt")), "invalid_request", "not a JWT");
	}

	@ParameterizedTest
	@ValueSource(strings = { "scope", "login_hint", "id_token_hint", "login_hint_token", "binding_message",
			"requested_expiry", "acr_values", "user_code", "client_notification_token" })
	void convertWhenAnAuthenticationParameterIsAlsoOutsideTheRequestObjectThenInvalidRequest(String name) {
		String jwt = TestRequestObjects
			.sign(JWSAlgorithm.PS256, CLIENT_RSA, TestRequestObjects.claims("c", NOW).build())
			.serialize();

		assertRefused(form(Map.of("request", jwt, name, "1")), "invalid_request", name);
	}

	@Test
	void convertClaimsWhenRequestedExpiryIsANumberThenRead() {
		JWTClaimsSet claims = TestRequestObjects.claims("c", NOW).claim("requested_expiry", 300L).build();

		assertThat(this.converter.convert(claims, "192.0.2.9").requestedExpiry()).isEqualTo(300);
	}

	@Test
	void convertClaimsWhenRequestedExpiryIsAStringThenRead() {
		JWTClaimsSet claims = TestRequestObjects.claims("c", NOW).claim("requested_expiry", "30").build();

		assertThat(this.converter.convert(claims, "192.0.2.9").requestedExpiry()).isEqualTo(30);
	}

	@Test
	void convertClaimsWhenRequestedExpiryIsAFractionNegativeOrNotANumberThenInvalidRequest() {
		for (Object value : List.of(1.5, -5L, "abc", "-5", true, 10_000_000_000L)) {
			JWTClaimsSet claims = TestRequestObjects.claims("c", NOW).claim("requested_expiry", value).build();

			assertClaimsRefused(claims, "requested_expiry");
		}
	}

	@Test
	void convertClaimsWhenRequestedExpiryIsNullThenInvalidRequest() throws Exception {
		JWTClaimsSet claims = JWTClaimsSet
			.parse("{\"iss\":\"c\",\"scope\":\"openid\",\"login_hint\":\"alice\",\"requested_expiry\":null}");

		assertClaimsRefused(claims, "requested_expiry");
	}

	@Test
	void convertClaimsWhenAllParametersThenReadAsFromAForm() {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("c")
			.claim("scope", "openid profile")
			.claim("login_hint_token", "a-token")
			.claim("binding_message", "W4SCT")
			.claim("acr_values", "urn:acr:2 urn:acr:1")
			.build();

		BackchannelAuthenticationRequest parsed = this.converter.convert(claims, "192.0.2.9");

		assertThat(parsed.scopes()).containsExactly("openid", "profile");
		assertThat(parsed.hint()).isEqualTo(new Hint(HintType.LOGIN_HINT_TOKEN, "a-token"));
		assertThat(parsed.bindingMessage()).isEqualTo("W4SCT");
		assertThat(parsed.requestedExpiry()).isNull();
		assertThat(parsed.acrValues()).containsExactly("urn:acr:2", "urn:acr:1");
		assertThat(parsed.ipAddress()).isEqualTo("192.0.2.9");
	}

	@Test
	void convertClaimsWhenTwoHintsThenInvalidRequest() {
		JWTClaimsSet claims = TestRequestObjects.claims("c", NOW).claim("login_hint_token", "a-token").build();

		assertClaimsRefused(claims, "Exactly one");
	}

	@Test
	void convertClaimsWhenAHintIsNotAStringThenInvalidRequest() {
		JWTClaimsSet claims = TestRequestObjects.claims("c", NOW).claim("login_hint", List.of("alice")).build();

		assertClaimsRefused(claims, "login_hint");
	}

	@Test
	void convertClaimsWhenScopeIsMissingThenInvalidRequest() {
		JWTClaimsSet claims = TestRequestObjects.claims("c", NOW).claim("scope", null).build();

		assertClaimsRefused(claims, "scope");
	}

	private void assertClaimsRefused(JWTClaimsSet claims, String named) {
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.converter.convert(claims, "192.0.2.9"))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("invalid_request");
				assertThat(ex.getError().getDescription()).contains(named);
			});
	}

	private void assertRefused(MockHttpServletRequest request, String code, String named) {
		assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo(code);
				assertThat(ex.getError().getDescription()).contains(named);
			});
	}

	private static MockHttpServletRequest form(Map<String, String> parameters) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/bc-authorize");
		request.setContentType("application/x-www-form-urlencoded");
		parameters.forEach(request::addParameter);
		return request;
	}

}
