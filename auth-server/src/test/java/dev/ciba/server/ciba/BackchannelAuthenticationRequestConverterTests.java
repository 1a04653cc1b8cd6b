package dev.ciba.server.ciba;

import java.util.List;

import dev.ciba.server.hint.Hint;
import dev.ciba.server.hint.HintType;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BackchannelAuthenticationRequestConverterTests {

	private final BackchannelAuthenticationRequestConverter converter = new BackchannelAuthenticationRequestConverter();

	@Test
	void convertWhenAllParametersThenParsesThemInOrder() {
		MockHttpServletRequest request = form();
		request.addParameter("scope", "openid  email profile");
		request.addParameter("login_hint", "alice");
		request.addParameter("binding_message", "W4SCT");
		request.addParameter("requested_expiry", "0120");
		request.addParameter("acr_values", "urn:acr:2 urn:acr:1");
		request.setRemoteAddr("192.0.2.7");

		BackchannelAuthenticationRequest parsed = unsigned(request);

		assertThat(parsed.scopes()).containsExactly("openid", "email", "profile");
		assertThat(parsed.hint()).isEqualTo(new Hint(HintType.LOGIN_HINT, "alice"));
		assertThat(parsed.bindingMessage()).isEqualTo("W4SCT");
		assertThat(parsed.requestedExpiry()).isEqualTo(120);
		assertThat(parsed.acrValues()).isEqualTo(List.of("urn:acr:2", "urn:acr:1"));
		assertThat(parsed.ipAddress()).isEqualTo("192.0.2.7");
	}

	@Test
	void convertWhenOptionalParametersAreEmptyThenTreatedAsAbsent() {
		MockHttpServletRequest request = form();
		request.addParameter("scope", "openid");
		request.addParameter("login_hint", "alice");
		request.addParameter("binding_message", "");
		request.addParameter("requested_expiry", "");
		request.addParameter("id_token_hint", "");

		BackchannelAuthenticationRequest parsed = unsigned(request);

		assertThat(parsed.bindingMessage()).isNull();
		assertThat(parsed.requestedExpiry()).isNull();
	}

	@Test
	void convertWhenParameterRepeatedThenInvalidRequestNamingIt() {
		MockHttpServletRequest request = form();
		request.addParameter("scope", "openid");
		request.addParameter("login_hint", "alice");
		request.addParameter("binding_message", "one", "two");

		assertRefused(request, "invalid_request", "binding_message");
	}

	@Test
	void convertWhenRequestedExpiryHasASignThenInvalidRequest() {
		MockHttpServletRequest request = form();
		request.addParameter("scope", "openid");
		request.addParameter("login_hint", "alice");
		request.addParameter("requested_expiry", "+60");

		assertRefused(request, "invalid_request", "requested_expiry");
	}

	@Test
	void convertWhenScopeHasAForbiddenCharacterThenInvalidScope() {
		MockHttpServletRequest request = form();
		request.addParameter("scope", "openid bad\"scope");
		request.addParameter("login_hint", "alice");

		assertRefused(request, "invalid_scope", "scope");
	}

	@Test
	void convertWhenIdTokenHintAndLoginHintThenInvalidRequest() {
		MockHttpServletRequest request = form();
		request.addParameter("scope", "openid");
		request.addParameter("login_hint", "alice");
		request.addParameter("id_token_hint", "eyJ.x.y");

		assertRefused(request, "invalid_request", "login_hint");
	}

	@Test
	void convertWhenLoginHintIsTooLongThenInvalidRequestWithoutEchoingIt() {
		MockHttpServletRequest request = form();
		request.addParameter("scope", "openid");
		String hint = "h".repeat(255);
		request.addParameter("login_hint", hint);

		OAuth2AuthenticationException refused = assertRefused(request, "invalid_request", "login_hint");
		assertThat(refused.getError().getDescription()).doesNotContain(hint);
	}

	@Test
	void convertWhenContentTypeIsNotAFormThenInvalidRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/bc-authorize");
		request.setContentType("application/json");

		assertRefused(request, "invalid_request", "application/x-www-form-urlencoded");
	}

	private OAuth2AuthenticationException assertRefused(MockHttpServletRequest request, String code, String named) {
		return assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.converter.convert(request))
			.satisfies((ex) -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo(code);
				assertThat(ex.getError().getDescription()).contains(named);
			})
			.actual();
	}

	private BackchannelAuthenticationRequest unsigned(MockHttpServletRequest request) {
		ParsedBackchannelRequest parsed = this.converter.convert(request);
		assertThat(parsed).isInstanceOf(BackchannelAuthenticationRequest.class);
		return (BackchannelAuthenticationRequest) parsed;
	}

	private static MockHttpServletRequest form() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/oauth2/bc-authorize");
		request.setContentType("application/x-www-form-urlencoded");
		return request;
	}

}
