package dev.ciba.server.hint;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import dev.ciba.server.client.CibaClientSettings;
import dev.ciba.server.customer.Customer;
import dev.ciba.server.customer.CustomerRepository;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static dev.ciba.server.hint.TestServerKeys.SERVER_KEY;
import static dev.ciba.server.hint.TestServerKeys.idTokenClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class CustomerHintsTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private static final Customer ALICE = new Customer("customer-1", "alice", "alice@example.com", "{noop}x", null,
			true);

	private static final Customer DISABLED = new Customer("customer-2", "dora", "dora@example.com", "{noop}x", null,
			false);

	private final CustomerRepository customers = mock(CustomerRepository.class);

	private final LoginHintTokens loginHintTokens = new LoginHintTokens(TestServerKeys.jwts(),
			TestServerKeys.properties(), Clock.fixed(NOW, ZoneOffset.UTC));

	private final CustomerHints hints = new CustomerHints(this.customers,
			new IdTokenHints(TestServerKeys.jwts(), TestServerKeys.properties()), this.loginHintTokens);

	@Test
	void resolveWhenLoginHintNamesAnEnabledCustomerThenThatCustomer() {
		given(this.customers.findByLoginName("alice")).willReturn(Optional.of(ALICE));

		assertThat(this.hints.resolve(client(null), new Hint(HintType.LOGIN_HINT, "alice"))).isEqualTo(ALICE);
	}

	@Test
	void resolveWhenLoginHintNamesADisabledCustomerThenUnknownUser() {
		given(this.customers.findByLoginName("dora")).willReturn(Optional.of(DISABLED));

		assertRefused(client(null), new Hint(HintType.LOGIN_HINT, "dora"), HintException.Reason.UNKNOWN_USER);
	}

	@Test
	void resolveWhenIdTokenHintThenTheCustomerOfItsSubject() {
		given(this.customers.findById("customer-1")).willReturn(Optional.of(ALICE));
		String idToken = TestServerKeys.sign(SERVER_KEY, null, idTokenClaims("a-client", "customer-1", NOW).build());

		assertThat(this.hints.resolve(client(null), new Hint(HintType.ID_TOKEN_HINT, idToken))).isEqualTo(ALICE);
	}

	@Test
	void resolveWhenIdTokenHintNamesAnUnknownSubjectThenUnknownUser() {
		given(this.customers.findById("gone")).willReturn(Optional.empty());
		String idToken = TestServerKeys.sign(SERVER_KEY, null, idTokenClaims("a-client", "gone", NOW).build());

		assertRefused(client(null), new Hint(HintType.ID_TOKEN_HINT, idToken), HintException.Reason.UNKNOWN_USER);
	}

	@Test
	void resolveWhenLoginHintTokenThenTheCustomerItNames() {
		given(this.customers.findById("customer-1")).willReturn(Optional.of(ALICE));
		String token = this.loginHintTokens.issue("customer-1").value();

		assertThat(this.hints.resolve(client(null), new Hint(HintType.LOGIN_HINT_TOKEN, token))).isEqualTo(ALICE);
	}

	@Test
	void resolveWhenLoginHintTokenNamesADisabledCustomerThenUnknownUser() {
		given(this.customers.findById("customer-2")).willReturn(Optional.of(DISABLED));
		String token = this.loginHintTokens.issue("customer-2").value();

		assertRefused(client(null), new Hint(HintType.LOGIN_HINT_TOKEN, token), HintException.Reason.UNKNOWN_USER);
	}

	@Test
	void resolveWhenClientIsLimitedToLoginHintAndSendsAnIdTokenHintThenInvalidWithoutLookingItUp() {
		String idToken = TestServerKeys.sign(SERVER_KEY, null, idTokenClaims("a-client", "customer-1", NOW).build());

		assertRefused(client("login_hint"), new Hint(HintType.ID_TOKEN_HINT, idToken), HintException.Reason.INVALID);
		verify(this.customers, never()).findById(anyString());
	}

	@Test
	void resolveWhenClientIsLimitedToTokenHintsAndSendsALoginHintThenInvalid() {
		assertRefused(client("id_token_hint login_hint_token"), new Hint(HintType.LOGIN_HINT, "alice"),
				HintException.Reason.INVALID);
		verify(this.customers, never()).findByLoginName(anyString());
	}

	private void assertRefused(RegisteredClient client, Hint hint, HintException.Reason reason) {
		assertThatExceptionOfType(HintException.class).isThrownBy(() -> this.hints.resolve(client, hint))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static RegisteredClient client(String allowedHints) {
		ClientSettings.Builder settings = ClientSettings.builder();
		if (allowedHints != null) {
			settings.setting(CibaClientSettings.ALLOWED_HINTS, allowedHints);
		}
		return RegisteredClient.withId("id-a-client")
			.clientId("a-client")
			.clientSecret("{noop}secret")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(new AuthorizationGrantType("urn:openid:params:grant-type:ciba"))
			.scope("openid")
			.clientSettings(settings.build())
			.build();
	}

}
